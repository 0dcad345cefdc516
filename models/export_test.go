package models

// ModeratorMaskSQL exposes the SQL literal to the external tests.
const ModeratorMaskSQL = moderatorMaskSQL
