/** The shape of errors raised by Express middleware (http-errors): a status, and `expose` when the message is safe to show. */
export interface HttpErrorLike extends Error {
  status: number;
  expose?: boolean;
  type?: string;
}

export function isHttpErrorLike(error: unknown): error is HttpErrorLike {
  return error instanceof Error && typeof (error as Partial<HttpErrorLike>).status === 'number';
}
