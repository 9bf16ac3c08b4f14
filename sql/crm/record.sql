-- Records one applied migration (same transaction as the script itself).
INSERT INTO liaison.SchemaVersion (Version, Name, Checksum, AppliedAt)
VALUES (@Version, @Name, @Checksum, GETDATE());
