// Url parsing, printing and redaction.
#include <gtest/gtest.h>

#include "retort/error.hpp"
#include "retort/url.hpp"

namespace retort {
namespace {

using Query = std::vector<std::pair<std::string, std::string>>;

TEST(UrlParse, SqliteRelativePath) {
  Url url = Url::parse("sqlite:///rel.db");
  EXPECT_EQ(url.dialect, "sqlite");
  EXPECT_EQ(url.database, "rel.db");
  EXPECT_EQ(url.host, "");
  EXPECT_FALSE(url.is_sqlite_memory());
}

TEST(UrlParse, SqliteAbsolutePath) {
  Url url = Url::parse("sqlite:////abs/x.db");
  EXPECT_EQ(url.database, "/abs/x.db");
  EXPECT_EQ(url.to_string(), "sqlite:////abs/x.db");
}

TEST(UrlParse, SqliteMemoryForms) {
  EXPECT_TRUE(Url::parse("sqlite://").is_sqlite_memory());
  EXPECT_EQ(Url::parse("sqlite://").database, "");
  Url memory = Url::parse("sqlite:///:memory:");
  EXPECT_TRUE(memory.is_sqlite_memory());
  EXPECT_EQ(memory.database, ":memory:");
  EXPECT_EQ(memory.to_string(), "sqlite:///:memory:");
}

TEST(UrlParse, PostgresFull) {
  Url url =
      Url::parse("postgresql+libpq://app:secret@db.example.com:6543/appdb?sslmode=disable&x=1");
  EXPECT_EQ(url.dialect, "postgresql");
  EXPECT_EQ(url.driver, "libpq");
  EXPECT_EQ(url.user, "app");
  EXPECT_EQ(url.password, "secret");
  EXPECT_EQ(url.host, "db.example.com");
  EXPECT_EQ(url.port, 6543);
  EXPECT_EQ(url.database, "appdb");
  EXPECT_EQ(url.query, (Query{{"sslmode", "disable"}, {"x", "1"}}));
  EXPECT_EQ(url.query_value("sslmode"), "disable");
  EXPECT_EQ(url.query_value("missing"), std::nullopt);
}

TEST(UrlParse, PostgresNormalisedAndMinimal) {
  Url url = Url::parse("postgres://localhost");
  EXPECT_EQ(url.dialect, "postgresql");
  EXPECT_EQ(url.host, "localhost");
  EXPECT_FALSE(url.port);
  EXPECT_FALSE(url.password);
  EXPECT_EQ(url.database, "");
  EXPECT_EQ(url.to_string(), "postgresql://localhost");
}

TEST(UrlParse, SchemeIsCaseInsensitive) {
  EXPECT_EQ(Url::parse("PostgreSQL://h/db").dialect, "postgresql");
  EXPECT_EQ(Url::parse("SQLITE:///x.db").dialect, "sqlite");
}

TEST(UrlParse, UserWithoutPasswordAndEmptyPassword) {
  Url user_only = Url::parse("postgresql://app@h/d");
  EXPECT_EQ(user_only.user, "app");
  EXPECT_FALSE(user_only.password);
  Url empty = Url::parse("postgresql://app:@h/d");
  EXPECT_EQ(empty.password, "");
  EXPECT_NE(user_only, empty);
}

TEST(UrlParse, Ipv6Hosts) {
  Url url = Url::parse("postgresql://u:p@[::1]:5433/db");
  EXPECT_EQ(url.host, "::1");
  EXPECT_EQ(url.port, 5433);
  EXPECT_EQ(url.to_string(), "postgresql://u:p@[::1]:5433/db");
  EXPECT_EQ(Url::parse("postgresql://[fe80::1%25eth0]/db").host, "fe80::1%25eth0");
  EXPECT_THROW(Url::parse("postgresql://[::1/db"), UsageError);
  EXPECT_THROW(Url::parse("postgresql://[::1]x/db"), UsageError);
}

TEST(UrlParse, PercentEncodedCredentials) {
  Url url = Url::parse("postgresql://us%40er:p%40ss%3Aw%2Fo%25rd@h:5432/my%20db?k%26=v%3D1");
  EXPECT_EQ(url.user, "us@er");
  EXPECT_EQ(url.password, "p@ss:w/o%rd");
  EXPECT_EQ(url.database, "my db");
  EXPECT_EQ(url.query, (Query{{"k&", "v=1"}}));
  EXPECT_EQ(Url::parse(url.to_string()), url);
}

TEST(UrlParse, LastAtSeparatesUserInfo) {
  Url url = Url::parse("postgresql://app:p@ss@word@host/db");
  EXPECT_EQ(url.user, "app");
  EXPECT_EQ(url.password, "p@ss@word");
  EXPECT_EQ(url.host, "host");
  EXPECT_EQ(url.database, "db");
}

TEST(UrlParse, ColonInPasswordIsLenient) {
  Url url = Url::parse("postgresql://app:a:b@host/db");
  EXPECT_EQ(url.password, "a:b");
}

TEST(UrlParse, AtSignInDatabasePathIsNotUserInfo) {
  Url url = Url::parse("sqlite:///data@2024.db");
  EXPECT_EQ(url.database, "data@2024.db");
  EXPECT_EQ(url.user, "");
}

TEST(UrlRoundTrip, ParseOfToStringIsIdentity) {
  for (const char* text : {
           "sqlite://",
           "sqlite:///:memory:",
           "sqlite:///rel.db",
           "sqlite:////abs/dir/x.db",
           "sqlite:///d%C3%A9v%20copy.db?uri=true&mode=ro",
           "postgresql://localhost",
           "postgresql://app@127.0.0.1:5432/app?sslmode=disable",
           "postgresql://%3Aodd%40user:p%40%3A%2F%3F%23%25%20x@[2001:db8::7]:1/db%3Fname",
           "postgresql+libpq://:pw@/db",
           "postgresql://h%2Fsocket/db?a=&b=%26",
       }) {
    Url url = Url::parse(text);
    EXPECT_EQ(Url::parse(url.to_string()), url) << text << " -> " << url.to_string();
  }
}

TEST(UrlRoundTrip, BuiltUrlWithAwkwardValues) {
  Url url;
  url.dialect = "postgresql";
  url.user = "a b@c";
  url.password = "s3cr3t:@/?#%&=\xC3\xA9";
  url.host = "a:b/c";
  url.port = 65535;
  url.database = "x?y#z%";
  url.query = {{"k =", "v&?"}, {"", "empty key"}};
  EXPECT_EQ(Url::parse(url.to_string()), url) << url.to_string();
}

TEST(UrlRedaction, RedactedHidesPassword) {
  Url url = Url::parse("postgresql://app:hunter2@h/db");
  EXPECT_EQ(url.redacted(), "postgresql://app:***@h/db");
  EXPECT_EQ(url.to_string(), "postgresql://app:hunter2@h/db");
  EXPECT_EQ(Url::parse("postgresql://app@h/db").redacted(), "postgresql://app@h/db");
}

// libpq also reads a password from the query (?password=, ?sslpassword=): hidden alike.
TEST(UrlRedaction, RedactedHidesSecretQueryValues) {
  Url url = Url::parse("postgresql://app@h/db?sslmode=require&password=hunter2&sslpassword=k3y");
  EXPECT_EQ(url.redacted(), "postgresql://app@h/db?sslmode=require&password=***&sslpassword=***");
  EXPECT_EQ(url.secrets(), (std::vector<std::string>{"hunter2", "k3y"}));
  url.password = "pw";
  EXPECT_EQ(url.secrets(), (std::vector<std::string>{"pw", "hunter2", "k3y"}));
}

TEST(UrlErrors, RejectedForms) {
  for (const char* text : {
           "",
           "no-scheme.db",
           "://host/db",
           "mysql://h/db",
           "postgresql://h:abc/db",
           "postgresql://h:0/db",
           "postgresql://h:65536/db",
           "postgresql://h:99999999999999999999/db",
           "postgresql://h:/db",
           "postgresql://h/db%zz",
           "postgresql://h/db%4",
           "postgresql://h/db%00x",
           "sqlite://host/x.db",
           "sqlite://user@/x.db",
           "sqlite://:1234/x.db",
           "sqlite:///",  // an empty path, e.g. sqlite:///${DB_FILE} with DB_FILE empty
           "sqlite:///?mode=ro",
           "postgresql://h/db\nDROP",
           "postgresql+://h/db",
       }) {
    EXPECT_THROW(Url::parse(text), UsageError) << text;
  }
  EXPECT_THROW(Url::parse(std::string_view("sqlite:///a\0b.db", 16)), UsageError);
}

TEST(UrlErrors, UnknownDialectSuggestsAName) {
  try {
    Url::parse("postgressql://h/db");
    FAIL() << "no error";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean \"postgresql\""), std::string::npos)
        << e.what();
  }
}

// Every malformed URL that carries a password: the message must not contain it.
TEST(UrlErrors, MessagesNeverContainThePassword) {
  const std::string secret = "Zq9sEcr3t";
  for (const std::string& text : {
           "postgresql://app:" + secret + "@h:bad/db",
           "postgresql://app:" + secret + "@h:70000/db",
           "postgresql://app:" + secret + "%zz@h/db",
           "postgresql://app:" + secret + "%0@h/db",
           "postgresql://app:" + secret + "%00@h/db",
           "postgresql://app:" + secret + "\x01@h/db",
           "postgresql://app:" + secret + "/x@h/db",
           "postgresql://app:" + secret + "?x@h/db",
           "nosuch://app:" + secret + "@h/db",
           "app:" + secret + "@h/db",
           "sqlite://app:" + secret + "@h/x.db",
           "postgresql://app:" + secret + "@[::1/db",
       }) {
    try {
      Url::parse(text);
      ADD_FAILURE() << "accepted: " << text;
    } catch (const UsageError& e) {
      EXPECT_EQ(std::string(e.what()).find(secret.substr(0, 4)), std::string::npos) << e.what();
    }
  }
}

TEST(PercentCoding, EncodeDecode) {
  EXPECT_EQ(percent_encode("a b@c:d/e%f~_.-"), "a%20b%40c%3Ad%2Fe%25f~_.-");
  EXPECT_EQ(percent_decode("a%20b%40c%3ad"), "a b@c:d");
  EXPECT_EQ(percent_decode(percent_encode("\xC3\xA9\x01\xff")), "\xC3\xA9\x01\xff");
  EXPECT_THROW(percent_decode("%"), UsageError);
  EXPECT_THROW(percent_decode("%g0"), UsageError);
  EXPECT_THROW(percent_decode("abc%2"), UsageError);
}

}  // namespace
}  // namespace retort
