-- Staging tables: a run fills them for its integration, then applies them to
-- the tables above set-based, all inside one CRM transaction (so a crash
-- leaves the previous state and the previous change pointer intact).
CREATE TABLE liaison.StageTiers (
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
    CaHtN decimal(24, 6) NOT NULL,
    CaHtN1 decimal(24, 6) NOT NULL,
    NbFacturesN int NOT NULL,
    NbFacturesN1 int NOT NULL,
    DerniereFacture datetime NULL,
    LineCount int NOT NULL,
    LineMarqSum bigint NOT NULL,
    CONSTRAINT PK_liaison_StageTiers PRIMARY KEY (IntegrationId, CT_Num)
);
GO
CREATE TABLE liaison.StageDef (
    IntegrationId int NOT NULL,
    Source nvarchar(20) NOT NULL,
    Name nvarchar(128) NOT NULL,
    CbType smallint NOT NULL,
    ValueKind nvarchar(10) NOT NULL,
    Len smallint NOT NULL,
    Pos smallint NOT NULL,
    CONSTRAINT PK_liaison_StageDef PRIMARY KEY (IntegrationId, Source, Name)
);
GO
CREATE TABLE liaison.StageValeur (
    IntegrationId int NOT NULL,
    CT_Num nvarchar(17) NOT NULL,
    Source nvarchar(20) NOT NULL,
    Name nvarchar(128) NOT NULL,
    ValText nvarchar(4000) NULL,
    CONSTRAINT PK_liaison_StageValeur PRIMARY KEY (IntegrationId, CT_Num, Source, Name)
);
