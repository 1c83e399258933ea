"""Date format modules (`FORMAT_MODULE_PATH`): Django >= 5 prefers a language's formats to `settings.DATE_FORMAT`
and its kin; these modules answer with the settings, so that the 1.x settings (and `NAUTOBOT_DATE_FORMAT` ...) decide
how pages write dates, as they did on 1.x."""
