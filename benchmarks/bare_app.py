"""The baseline: a bare Textual app (Header, Static, Footer), run as simply as Textual allows."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Hello from a bare Textual app.")
        yield Footer()


def main() -> None:
    BareApp().run()


if __name__ == "__main__":
    main()
