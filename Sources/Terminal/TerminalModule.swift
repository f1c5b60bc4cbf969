/// The Terminal module; its types arrive with their issues (see README.md).
public enum TerminalModule {}
