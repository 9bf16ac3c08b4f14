-- `liaison uninstall`: removes Liaison's objects only (the schema liaison and
-- the reporting view it generated), never the CRM's own tables.
IF OBJECT_ID(N'dbo.vReportCompanyInfosFlash', N'V') IS NOT NULL
    DROP VIEW dbo.vReportCompanyInfosFlash;
IF OBJECT_ID(N'liaison.StageValeur', N'U') IS NOT NULL
    DROP TABLE liaison.StageValeur;
IF OBJECT_ID(N'liaison.StageDef', N'U') IS NOT NULL
    DROP TABLE liaison.StageDef;
IF OBJECT_ID(N'liaison.StageTiers', N'U') IS NOT NULL
    DROP TABLE liaison.StageTiers;
IF OBJECT_ID(N'liaison.Outbox', N'U') IS NOT NULL
    DROP TABLE liaison.Outbox;
IF OBJECT_ID(N'liaison.Watermark', N'U') IS NOT NULL
    DROP TABLE liaison.Watermark;
IF OBJECT_ID(N'liaison.InfoLibreValeur', N'U') IS NOT NULL
    DROP TABLE liaison.InfoLibreValeur;
IF OBJECT_ID(N'liaison.InfoLibreDef', N'U') IS NOT NULL
    DROP TABLE liaison.InfoLibreDef;
IF OBJECT_ID(N'liaison.CaRealise', N'U') IS NOT NULL
    DROP TABLE liaison.CaRealise;
IF OBJECT_ID(N'liaison.TiersInfo', N'U') IS NOT NULL
    DROP TABLE liaison.TiersInfo;
IF OBJECT_ID(N'liaison.Integration', N'U') IS NOT NULL
    DROP TABLE liaison.Integration;
IF OBJECT_ID(N'liaison.SchemaVersion', N'U') IS NOT NULL
    DROP TABLE liaison.SchemaVersion;
IF SCHEMA_ID(N'liaison') IS NOT NULL
    DROP SCHEMA liaison;
