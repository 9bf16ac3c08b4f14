-- Opens a transaction for the statements that follow on this connection.
BEGIN TRANSACTION;
