/** How a RAG rating looks wherever it is shown (tray, contact page). */
export const RAG_TAGS: Record<string, string> = { red: 'govuk-tag--red', amber: 'govuk-tag--orange', green: 'govuk-tag--green' };
