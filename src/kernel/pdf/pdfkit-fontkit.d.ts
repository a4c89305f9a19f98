// pdfkit 0.20 takes a font that fontkit has already parsed ("Accept already-parsed fontkit Font instances in
// doc.font() and registerFont", its changelog for 0.20.0); its type definitions do not say so yet.
declare namespace PDFKit.Mixins {
  interface PDFFont {
    registerFont(name: string, src: import('fontkit').Font): this;
  }
}
