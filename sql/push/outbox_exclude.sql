-- liaison push --exclude ID: out of the flow until reactivated (the row is kept).
UPDATE liaison.Outbox
SET
    Excluded = 1,
    UpdatedAt = GETDATE()
WHERE OutboxId = @OutboxId AND Status <> N'done';
