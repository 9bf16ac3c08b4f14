-- Commits the transaction opened by tran_begin.sql.
COMMIT TRANSACTION;
