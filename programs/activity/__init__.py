"""A participant's professional activity: entered by her, confirmed or returned by the curator."""
