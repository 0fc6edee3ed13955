package io.agentmesh.verticles.rag;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression run over chunk texts within a time budget: the text it reads checks the clock, so a pattern
 * that backtracks without end stops at the deadline instead of holding a search thread.
 */
final class RegexScan {

  /** The search ran out of time. */
  static final class TimedOut extends RuntimeException {
    TimedOut() {
      super("the regular expression took too long", null, false, false);
    }
  }

  private final Pattern pattern;
  private final long deadlineNanos;

  private RegexScan(Pattern pattern, long deadlineNanos) {
    this.pattern = pattern;
    this.deadlineNanos = deadlineNanos;
  }

  /** A scan for {@code regex} that must end within {@code budgetMillis}; null when it is not a valid pattern. */
  static RegexScan of(String regex, long budgetMillis) {
    try {
      return new RegexScan(Pattern.compile(regex, Pattern.MULTILINE), System.nanoTime() + budgetMillis * 1_000_000);
    } catch (PatternSyntaxException e) {
      return null;
    }
  }

  boolean expired() {
    return System.nanoTime() > deadlineNanos;
  }

  /** The first match in {@code text} as [start, end), or null. */
  int[] find(String text) {
    Matcher matcher = pattern.matcher(new Clocked(text));
    return matcher.find() ? new int[] {matcher.start(), matcher.end()} : null;
  }

  /** The text as the matcher reads it, checking the deadline every few thousand characters read. */
  private final class Clocked implements CharSequence {
    private final String text;
    private int reads;

    Clocked(String text) {
      this.text = text;
    }

    @Override
    public char charAt(int index) {
      if ((++reads & 4095) == 0 && expired()) {
        throw new TimedOut();
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.subSequence(start, end);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
