/** What every Store throws when asked to delete an execution that is still running. */
export function runningDeleteError(executionArn: string): Error {
  const error = new Error(`Cannot delete execution ${executionArn}: it is still RUNNING.`);
  error.name = 'ExecutionStillRunning';
  return error;
}
