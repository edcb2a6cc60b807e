/** Engine tests run real pip and Python against a tiny local package index. */
module.exports = {
  ...require('../jest.config.base')(__dirname),
  testTimeout: 120000
};
