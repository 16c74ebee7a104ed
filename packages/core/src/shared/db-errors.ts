/** True when DynamoDB refused a write because its condition did not hold. */
export const isConditionalCheckFailure = (error: unknown): boolean => {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current.name === 'ConditionalCheckFailedException') return true;
    if (current.name === 'TransactionCanceledException' && current.message.includes('ConditionalCheckFailed')) {
      return true;
    }
  }
  return false;
};
