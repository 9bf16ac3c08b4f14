-- Liaison's own schema in the CRM database and the migration ledger.
-- Applied once by `liaison install`; the installer records this script in
-- liaison.SchemaVersion in the same transaction.
CREATE SCHEMA liaison AUTHORIZATION dbo
GO
CREATE TABLE liaison.SchemaVersion (
    Version int NOT NULL CONSTRAINT PK_liaison_SchemaVersion PRIMARY KEY,
    Name nvarchar(128) NOT NULL,
    Checksum char(64) NOT NULL,
    AppliedAt datetime NOT NULL
    CONSTRAINT DF_liaison_SchemaVersion_AppliedAt DEFAULT (GETDATE())
);
