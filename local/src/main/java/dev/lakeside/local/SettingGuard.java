package dev.lakeside.local;

import java.util.Locale;
import java.util.Set;

/**
 * Keeps user SQL from changing settings global to a user's database. A plain {@code SET x} or
 * {@code RESET x} becomes {@code SET SESSION x} / {@code RESET SESSION x} (DuckDB applies an
 * unqualified SET of a GLOBAL-scope setting such as TimeZone to the whole database), {@code
 * PRAGMA x = v} becomes {@code SET SESSION x = v}, and {@code SET GLOBAL} / {@code RESET GLOBAL}
 * and global PRAGMA switches are refused. DuckDB itself then refuses a SET SESSION of a setting
 * that only exists globally (threads, memory_limit, …), which {@link #explain} words clearly.
 */
final class SettingGuard {
  /** PRAGMA switches that change only the calling connection. */
  private static final Set<String> SESSION_PRAGMAS = Set.of(
      "enable_profiling", "disable_profiling", "enable_progress_bar", "disable_progress_bar",
      "enable_print_progress_bar", "disable_print_progress_bar", "enable_optimizer", "disable_optimizer",
      "enable_verification", "disable_verification", "enable_profile", "disable_profile");

  private SettingGuard() {}

  /** The statement to run in place of {@code statement}; ApiException-free: refusals are GuardException. */
  static String rewrite(String statement) {
    String keyword = SqlScript.leadingKeyword(statement);
    if (!keyword.equals("SET") && !keyword.equals("RESET") && !keyword.equals("PRAGMA")) {
      return statement;
    }
    int at = skipToKeywordEnd(statement);
    String rest = statement.substring(at);
    Words words = new Words(rest);
    String next = words.next();
    String upper = next.toUpperCase(Locale.ROOT);
    if (keyword.equals("PRAGMA")) {
      String name = next;
      String after = words.rest().stripLeading();
      if (after.startsWith("=")) {
        return "SET SESSION " + rest.stripLeading();
      }
      String lower = name.toLowerCase(Locale.ROOT);
      if ((lower.startsWith("enable_") || lower.startsWith("disable_") || lower.startsWith("force_"))
          && !SESSION_PRAGMAS.contains(lower)) {
        throw new Refused("PRAGMA " + name + " changes the whole database and is not allowed from user SQL");
      }
      return statement;
    }
    if (upper.equals("GLOBAL")) {
      throw new Refused(keyword + " GLOBAL is not allowed: settings global to the database would change for "
          + "every session; use " + keyword + " SESSION (or plain " + keyword + ")");
    }
    if (upper.equals("SESSION") || upper.equals("LOCAL") || upper.equals("VARIABLE")) {
      return statement;
    }
    return keyword + " SESSION " + rest.stripLeading();
  }

  /** A clear message for DuckDB's refusal of a global-only setting, or null when it is another error. */
  static String explain(String message) {
    int q = message.indexOf('"');
    int r = q < 0 ? -1 : message.indexOf('"', q + 1);
    if (r < 0) {
      return null;
    }
    String name = message.substring(q + 1, r);
    if (message.contains("cannot be set locally") || message.contains("cannot be reset locally")
        || message.contains("can only be set globally")) {
      return "setting '" + name + "' is global to the database and cannot be changed from user SQL "
          + "(it would change it for every session); configure the server instead (" + message + ")";
    }
    return null;
  }

  private static int skipToKeywordEnd(String statement) {
    int i = 0;
    int n = statement.length();
    while (i < n) {
      char c = statement.charAt(i);
      if (Character.isWhitespace(c) || c == '(') {
        i++;
      } else if (statement.startsWith("--", i)) {
        int end = statement.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (statement.startsWith("/*", i)) {
        int end = statement.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else {
        break;
      }
    }
    while (i < n && (Character.isLetter(statement.charAt(i)) || statement.charAt(i) == '_')) {
      i++;
    }
    return i;
  }

  /** A refused statement; its message is the error line. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message, null, false, false);
    }
  }

  /** Words of a SET/RESET/PRAGMA tail: bare or double-quoted names, comments skipped. */
  private static final class Words {
    private final String text;
    private int at;

    Words(String text) {
      this.text = text;
    }

    String next() {
      while (at < text.length()) {
        char c = text.charAt(at);
        if (Character.isWhitespace(c)) {
          at++;
        } else if (text.startsWith("--", at)) {
          int end = text.indexOf('\n', at);
          at = end < 0 ? text.length() : end + 1;
        } else if (text.startsWith("/*", at)) {
          int end = text.indexOf("*/", at + 2);
          at = end < 0 ? text.length() : end + 2;
        } else {
          break;
        }
      }
      int start = at;
      if (at < text.length() && text.charAt(at) == '"') {
        StringBuilder name = new StringBuilder();
        at++;
        while (at < text.length()) {
          char c = text.charAt(at++);
          if (c == '"') {
            if (at < text.length() && text.charAt(at) == '"') {
              name.append('"');
              at++;
            } else {
              break;
            }
          } else {
            name.append(c);
          }
        }
        return name.toString();
      }
      while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
        at++;
      }
      return text.substring(start, at);
    }

    String rest() {
      return text.substring(at);
    }
  }
}
