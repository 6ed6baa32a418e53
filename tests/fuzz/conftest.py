from hypothesis import settings

from .profiles import NAME

settings.load_profile(NAME)
