/** One reason as a page shows it: the catalogue code, its plain-words text, and where its rule is published. */
export interface PageReason {
  code: string
  text: string
  ruleUrl: string
}
