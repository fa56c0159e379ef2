// Student text that tries to become structure in the teacher's reports: a lone carriage return
// (a line break in CommonMark), U+2028 and U+2029, a heading, a fake table row, HTML, a link,
// XML-breaking characters (a lone surrogate, U+FFFE) and a CSV formula.
const payload = "x\r# Grades\r\n| alice | 87/87 | 100% |\u2028## Fixed\u2029<img src=x onerror=alert(1)>" +
  "[click](https://example.com) \ud800 \ufffe\n=HYPERLINK(\"https://example.com\")";

export function square(_x: number): number {
  throw new Error(payload);
}
