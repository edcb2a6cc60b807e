import { PageConfig } from '@jupyterlab/coreutils';

import { HUB_ORIGIN_PAGE_OPTION, hubPageUrl } from '../src';

describe('hubPageUrl', () => {
  afterEach(() => PageConfig.setOption(HUB_ORIGIN_PAGE_OPTION, ''));

  it('stays on the page’s origin when the hub shares it', () => {
    expect(hubPageUrl('/hub/privacy')).toBe('/hub/privacy');
  });

  it('takes the hub’s origin when the server has its own', () => {
    PageConfig.setOption(HUB_ORIGIN_PAGE_OPTION, 'http://localhost:8000');
    expect(hubPageUrl('/hub/privacy')).toBe(
      'http://localhost:8000/hub/privacy'
    );
  });

  it('ignores a value that is no origin', () => {
    for (const bad of [
      'javascript:alert(1)',
      'http://a/b',
      '//evil.org',
      'x'
    ]) {
      PageConfig.setOption(HUB_ORIGIN_PAGE_OPTION, bad);
      expect(hubPageUrl('/hub/home')).toBe('/hub/home');
    }
  });
});
