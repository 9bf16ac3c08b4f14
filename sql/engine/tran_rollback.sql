-- Rolls back the open transaction, if any (after a failure the server may
-- already have rolled it back).
IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;
