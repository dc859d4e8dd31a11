/**
 * An error answered in Jira's shape, `{ errorMessages: [...], errors: {...} }`.
 * Handlers throw it; the router turns it into the response.
 */
export class JiraHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorMessages: string[],
    readonly errors: Record<string, string> = {},
  ) {
    super(errorMessages[0] ?? Object.values(errors)[0] ?? `HTTP ${status}`);
    this.name = 'JiraHttpError';
  }

  body(): { errorMessages: string[]; errors: Record<string, string> } {
    return { errorMessages: this.errorMessages, errors: this.errors };
  }
}

/** The message Jira gives for an issue that is missing or that the caller may not browse (the two are indistinguishable on purpose). */
export const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

export const badRequest = (message: string): JiraHttpError => new JiraHttpError(400, [message]);
export const fieldErrors = (errors: Record<string, string>): JiraHttpError => new JiraHttpError(400, [], errors);
export const notFound = (message: string): JiraHttpError => new JiraHttpError(404, [message]);
export const forbidden = (message: string): JiraHttpError => new JiraHttpError(403, [message]);
export const issueNotFound = (): JiraHttpError => new JiraHttpError(404, [ISSUE_NOT_FOUND]);
/** Jira's answer to a body that is not JSON. */
export const invalidPayload = (): JiraHttpError =>
  new JiraHttpError(400, ['Invalid request payload. Refer to the REST API documentation and try again.']);
