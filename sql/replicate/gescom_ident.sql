-- Identities of the document tables once the run has read: moved since
-- gescom_sentinel.sql means rows were inserted while the run read (some may
-- be in the copy, above the identity stored), so no sentinel is stored.
SELECT
    CAST(IDENT_CURRENT('dbo.F_DOCENTETE') AS bigint) AS EnteteIdent,
    CAST(IDENT_CURRENT('dbo.F_DOCLIGNE') AS bigint) AS LigneIdent;
