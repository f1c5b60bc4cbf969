// Replaced by this module's tests as they land.
