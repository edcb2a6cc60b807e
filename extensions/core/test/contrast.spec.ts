import { contrastRatio, parseColor } from '../testing';

describe('contrast helpers', () => {
  it('computes the textbook ratios', () => {
    expect(contrastRatio(parseColor('#000'), parseColor('#fff'))).toBeCloseTo(
      21,
      5
    );
    expect(
      contrastRatio(parseColor('#777777'), parseColor('white'))
    ).toBeCloseTo(4.48, 2);
  });

  it('paints translucent text over its background', () => {
    expect(
      contrastRatio(parseColor('rgba(0, 0, 0, 0)'), parseColor('#fff'))
    ).toBeCloseTo(1, 5);
  });

  it('refuses colours it cannot read', () => {
    expect(() => parseColor('hsl(0, 0%, 0%)')).toThrow('Unsupported colour');
  });
});
