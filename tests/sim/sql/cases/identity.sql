-- IDENTITY: INSERT without a column list skips it, 544 without IDENTITY_INSERT, 213/110 value counts
CREATE TABLE tiers (id int IDENTITY(1,1) NOT NULL PRIMARY KEY, num varchar(17) NOT NULL, ca decimal(24,6) NULL)
INSERT INTO tiers VALUES ('A', 1.5)
INSERT tiers VALUES ('B', NULL), ('C', 2)
INSERT INTO tiers (id, num) VALUES (10, 'X')
SET IDENTITY_INSERT dbo.tiers ON
INSERT INTO tiers (id, num) VALUES (10, 'X')
SET IDENTITY_INSERT dbo.tiers OFF
INSERT INTO tiers (num) VALUES ('after')
SELECT id, num, ca FROM tiers ORDER BY id
INSERT INTO tiers VALUES ('too', 1, 2)
INSERT INTO tiers (num) VALUES ('a', 'b')
SELECT 'end'
GO
INSERT INTO tiers (num) VALUES ('a', 'b')
GO
CREATE TABLE big (id bigint IDENTITY(1,1) PRIMARY KEY, v nvarchar(max) NULL)
INSERT INTO big (v) VALUES (N'long text')
SELECT id, v FROM big
SELECT name, max_length FROM sys.columns WHERE object_id = OBJECT_ID('big') ORDER BY column_id
