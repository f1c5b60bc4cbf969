/// The AnswerLanguage module; its types arrive with their issues (see README.md).
public enum AnswerLanguageModule {}
