// SVG icons are bundled by the builder; LabIcon only needs a well-formed image in tests.
module.exports = '<svg xmlns="http://www.w3.org/2000/svg"></svg>';
