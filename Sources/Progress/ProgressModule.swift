/// The Progress module; its types arrive with their issues (see README.md).
public enum ProgressModule {}
