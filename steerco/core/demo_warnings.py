"""What the demo reports without stopping; no Django imports, so the test settings can name it."""


class UnmatchedDemoText(UserWarning):
    """A text listed in another language for the demo that no object of the demo has (any more)."""
