// pdfkit 0.20 writes a table cell's scope (`/A << /O /Table /Scope /Row >>`) for a structure element created
// with `scope`, which screen readers need to read a header cell with its row; its type definitions lack it.
declare namespace PDFKit.Mixins {
  interface StructureElementOptions {
    scope?: 'Row' | 'Column' | 'Both';
  }
}
