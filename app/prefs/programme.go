package prefs

// LastOrganisation is the organisation (or cohort) the last exercise was
// set up for: the setup form offers it again.
const LastOrganisation = "programme.last_organisation"
