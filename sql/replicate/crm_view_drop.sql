-- The reporting view is regenerated whole (CREATE VIEW must start a batch).
IF OBJECT_ID(N'dbo.vReportCompanyInfosFlash', N'V') IS NOT NULL
    DROP VIEW dbo.vReportCompanyInfosFlash;
