/// The Grading module; its types arrive with their issues (see README.md).
public enum GradingModule {}
