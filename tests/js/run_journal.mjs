// Reads {strings, css, docs: [document], book: {chapters, record, language}} as JSON on stdin;
// prints the JS journal's Markdown and HTML for each document, and the document it builds from
// the book's record.
import { readFileSync } from "node:fs";
import { fromBook, toHtml, toMarkdown } from "../../widgets/trust_course/js/journal_document.js";

const { strings, css, docs, book } = JSON.parse(readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify({
  markdown: docs.map((doc) => toMarkdown(doc, strings)),
  html: docs.map((doc) => toHtml(doc, strings, css)),
  book: fromBook(book.chapters, book.record, { language: book.language, strings }),
}));
