"""Tags: labels applicable to objects of the content types each tag names (taggit's manager on `PrimaryModel`)."""
