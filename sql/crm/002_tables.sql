-- The replicated data: one row per GesCom company (integration), per tiers,
-- per free-field definition and value; change pointers; the outbox of the
-- push command.  Every table is keyed by IntegrationId so several companies
-- share one CRM database.
CREATE TABLE liaison.Integration (
    IntegrationId int IDENTITY (1, 1) NOT NULL
    CONSTRAINT PK_liaison_Integration PRIMARY KEY,
    Name nvarchar(64) NOT NULL,
    ServerName nvarchar(256) NOT NULL,
    DatabaseName nvarchar(128) NOT NULL,
    CreatedAt datetime NOT NULL
    CONSTRAINT DF_liaison_Integration_CreatedAt DEFAULT (GETDATE()),
    CONSTRAINT UQ_liaison_Integration_Name UNIQUE (Name)
);
GO
CREATE TABLE liaison.TiersInfo (
    IntegrationId int NOT NULL,
    CT_Num nvarchar(17) NOT NULL,
    CT_Intitule nvarchar(69) NULL,
    CT_Type smallint NOT NULL,
    TypeTiers nvarchar(20) NOT NULL,
    Sommeil bit NOT NULL,
    CompteCollectif nvarchar(13) NULL,
    CompteCollectifIntitule nvarchar(35) NULL,
    TiersPayeur nvarchar(17) NULL,
    TiersPayeurIntitule nvarchar(69) NULL,
    ConditionsPaiement nvarchar(400) NULL,
    CodeRisque smallint NULL,
    CodeRisqueIntitule nvarchar(35) NULL,
    CodeRisqueAction nvarchar(20) NULL,
    Encours decimal(24, 6) NULL,
    Representant nvarchar(80) NULL,
    SourceMarq int NOT NULL,
    RefreshedAt datetime NOT NULL,
    CONSTRAINT PK_liaison_TiersInfo PRIMARY KEY (IntegrationId, CT_Num)
);
GO
CREATE TABLE liaison.CaRealise (
    IntegrationId int NOT NULL,
    CT_Num nvarchar(17) NOT NULL,
    DebutN datetime NOT NULL,
    FinN datetime NOT NULL,
    DebutN1 datetime NOT NULL,
    FinN1 datetime NOT NULL,
    CaHtN decimal(24, 6) NOT NULL,
    CaHtN1 decimal(24, 6) NOT NULL,
    NbFacturesN int NOT NULL,
    NbFacturesN1 int NOT NULL,
    DerniereFacture datetime NULL,
    LineCount int NOT NULL,
    LineMarqSum bigint NOT NULL,
    RefreshedAt datetime NOT NULL,
    CONSTRAINT PK_liaison_CaRealise PRIMARY KEY (IntegrationId, CT_Num)
);
GO
CREATE TABLE liaison.InfoLibreDef (
    DefId int IDENTITY (1, 1) NOT NULL
    CONSTRAINT PK_liaison_InfoLibreDef PRIMARY KEY,
    IntegrationId int NOT NULL,
    Source nvarchar(20) NOT NULL,
    Name nvarchar(128) NOT NULL,
    CbType smallint NOT NULL,
    ValueKind nvarchar(10) NOT NULL,
    Len smallint NOT NULL,
    Pos smallint NOT NULL,
    ColumnNo int NOT NULL,
    Statut nvarchar(20) NOT NULL,
    StatutDepuis datetime NOT NULL,
    CONSTRAINT UQ_liaison_InfoLibreDef UNIQUE (IntegrationId, Source, Name, CbType)
);
GO
CREATE TABLE liaison.InfoLibreValeur (
    IntegrationId int NOT NULL,
    CT_Num nvarchar(17) NOT NULL,
    DefId int NOT NULL,
    ValText nvarchar(4000) NULL,
    ValNumber decimal(24, 6) NULL,
    ValDate datetime NULL,
    CONSTRAINT PK_liaison_InfoLibreValeur PRIMARY KEY (IntegrationId, CT_Num, DefId)
);
GO
CREATE TABLE liaison.Watermark (
    IntegrationId int NOT NULL,
    Job nvarchar(20) NOT NULL,
    LastPointer datetime NULL,
    WindowKey nvarchar(100) NULL,
    OptionsKey nvarchar(100) NULL,
    DefsKey nvarchar(64) NULL,
    LastFullAt datetime NULL,
    LastRunAt datetime NULL,
    LastRunId nvarchar(40) NULL,
    Outcome nvarchar(20) NULL,
    CONSTRAINT PK_liaison_Watermark PRIMARY KEY (IntegrationId, Job)
);
GO
CREATE TABLE liaison.Outbox (
    OutboxId bigint IDENTITY (1, 1) NOT NULL
    CONSTRAINT PK_liaison_Outbox PRIMARY KEY,
    IntegrationId int NULL,
    Entity nvarchar(40) NOT NULL,
    Operation nvarchar(20) NOT NULL,
    Payload nvarchar(max) NOT NULL,
    Status nvarchar(20) NOT NULL
    CONSTRAINT DF_liaison_Outbox_Status DEFAULT (N'pending'),
    ErpKey nvarchar(64) NULL,
    LastErrorCode nvarchar(40) NULL,
    LastErrorMessage nvarchar(1000) NULL,
    Attempts int NOT NULL CONSTRAINT DF_liaison_Outbox_Attempts DEFAULT (0),
    Excluded bit NOT NULL CONSTRAINT DF_liaison_Outbox_Excluded DEFAULT (0),
    RequestId nvarchar(64) NULL,
    CreatedAt datetime NOT NULL
    CONSTRAINT DF_liaison_Outbox_CreatedAt DEFAULT (GETDATE()),
    UpdatedAt datetime NULL
);
GO
CREATE INDEX IX_liaison_Outbox_Status ON liaison.Outbox (Status, OutboxId);
