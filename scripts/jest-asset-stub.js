// Style sheets have no meaning in unit tests: they are bundled by the builder.
module.exports = '';
