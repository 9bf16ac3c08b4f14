-- liaison push --reactivate ID: back in the flow after the data was fixed.  A new
-- request id will be drawn: the old one's result (the rejection) must not be replayed.
UPDATE liaison.Outbox
SET
    Excluded = 0,
    Status = N'pending',
    RequestId = NULL,
    LastErrorCode = NULL,
    LastErrorMessage = NULL,
    UpdatedAt = GETDATE()
WHERE OutboxId = @OutboxId AND (Status = N'error' OR Excluded = 1);
