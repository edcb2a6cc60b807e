// What the tests use of @candyce/core, from its sources (see jest.config.js).
export * from '../../core/src/base64';
export * from '../../core/src/client';
export * from '../../core/src/errors';
