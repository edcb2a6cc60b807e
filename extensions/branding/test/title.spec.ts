import { brandTitle } from '../src/title';

describe('brandTitle', () => {
  it.each([
    ['JupyterLab', 'Candyce'],
    ['Untitled.ipynb - JupyterLab', 'Untitled.ipynb - Candyce'],
    ['cours.ipynb (2) - JupyterLab', 'cours.ipynb (2) - Candyce'],
    ['cours.ipynb - mon-espace', 'cours.ipynb - mon-espace'],
    ['JupyterLab (atelier)', 'JupyterLab (atelier)'],
    ['Candyce', 'Candyce']
  ])('brands « %s » as « %s »', (title, expected) => {
    expect(brandTitle(title, 'JupyterLab')).toBe(expected);
  });
});
