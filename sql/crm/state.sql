-- What `liaison install` finds before doing anything: does Liaison's ledger
-- exist, and is there a reporting view Liaison did not create?
SELECT
    CASE WHEN OBJECT_ID(N'liaison.SchemaVersion', N'U') IS NULL THEN 0 ELSE 1 END AS HasLedger,
    CASE WHEN OBJECT_ID(N'dbo.vReportCompanyInfosFlash', N'V') IS NULL THEN 0 ELSE 1 END AS HasView;
