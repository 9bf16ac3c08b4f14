-- Fiscal-year slots of the company (P_DOSSIER has one row) and the server's
-- date, the reference date for "this" fiscal year.  Unused slots hold 1900.
SELECT TOP (1)
    d.D_DebutExo01,
    d.D_FinExo01,
    d.D_DebutExo02,
    d.D_FinExo02,
    d.D_DebutExo03,
    d.D_FinExo03,
    d.D_DebutExo04,
    d.D_FinExo04,
    d.D_DebutExo05,
    d.D_FinExo05,
    GETDATE() AS ServerNow
FROM dbo.P_DOSSIER AS d;
