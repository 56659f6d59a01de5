package io.dqlite4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NodeAddressTest {

    @Nested
    class Valid {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiter = '|', value = {
            "localhost:9001                         | localhost:9001",
            "Node1.Example.COM.:9001                | node1.example.com:9001",
            "xn--bcher-kva.example:1                | xn--bcher-kva.example:1",
            "a-b.c-d:65535                          | a-b.c-d:65535",
            "192.0.2.1:1                            | 192.0.2.1:1",
            "223.255.255.255:9001                   | 223.255.255.255:9001",
            "0.0.0.1:9001                           | 0.0.0.1:9001",
            "[::1]:9001                             | [::1]:9001",
            "[2001:DB8:0:0:0:0:0:1]:9001            | [2001:db8::1]:9001",
            "[2001:db8:0:0:1:0:0:1]:9001            | [2001:db8::1:0:0:1]:9001",
            "[2001:db8:0:1:1:1:1:1]:9001            | [2001:db8:0:1:1:1:1:1]:9001",
            "[2001:0db8:0000:0000:0000:0000:0000:0001]:9001 | [2001:db8::1]:9001",
            "[1:2:3:4:5:6:7::]:9001                 | [1:2:3:4:5:6:7:0]:9001",
            "[::1.2.3.4]:9001                       | [::102:304]:9001",
            "[feff::1]:9001                         | [feff::1]:9001",
            "[::ffff:192.0.2.1]:9001                | 192.0.2.1:9001",
            "[::FFFF:c000:0201]:9001                | 192.0.2.1:9001",
            "[fe80::1%25eth0]:9001                  | [fe80::1%25eth0]:9001",
            "[fe80::1%eth0]:9001                    | [fe80::1%25eth0]:9001",
        })
        void canonicalForm(String input, String canonical) {
            NodeAddress a = NodeAddress.parse(input);
            assertThat(a.toString()).isEqualTo(canonical);
            assertThat(NodeAddress.parse(a.toString())).isEqualTo(a);
        }

        @Test
        void hostnamesAreLowerCasedAndLoseTheTrailingDot() {
            NodeAddress a = NodeAddress.parse("LOCALHOST.:9001");
            NodeAddress b = NodeAddress.parse("localhost:9001");
            assertThat(a.host()).isEqualTo("localhost");
            assertThat(a.port()).isEqualTo(9001);
            assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
            assertThat(a.isIpLiteral()).isFalse();
            assertThat(a).isNotEqualTo(NodeAddress.parse("localhost:9002"));
        }

        @Test
        void ipv4MappedIpv6EqualsTheDottedQuad() {
            NodeAddress mapped = NodeAddress.parse("[::ffff:127.0.0.1]:9001");
            assertThat(mapped.host()).isEqualTo("127.0.0.1");
            assertThat(mapped).isEqualTo(NodeAddress.parse("127.0.0.1:9001"));
            assertThat(mapped.isIpLiteral()).isTrue();
        }

        @Test
        void ipv6HostHasNoBracketsButToStringHas() {
            NodeAddress a = NodeAddress.parse("[::1]:9001");
            assertThat(a.host()).isEqualTo("::1");
            assertThat(a.toString()).isEqualTo("[::1]:9001");
        }

        @Test
        void zoneIdIsKeptInHost() {
            NodeAddress a = NodeAddress.parse("[FE80::1%25eth0]:9001");
            assertThat(a.host()).isEqualTo("fe80::1%eth0");
            assertThat(a).isEqualTo(NodeAddress.parse("[fe80::1%eth0]:9001"));
            // A zone that itself starts with "25" survives the round trip through toString().
            NodeAddress odd = NodeAddress.parse("[fe80::1%2525x]:1");
            assertThat(odd.host()).isEqualTo("fe80::1%25x");
            assertThat(NodeAddress.parse(odd.toString())).isEqualTo(odd);
        }

        @Test
        void defaultPortIsUsedOnlyWhenMissing() {
            assertThat(NodeAddress.parse("node1", 9001)).isEqualTo(NodeAddress.parse("node1:9001"));
            assertThat(NodeAddress.parse("node1:42", 9001).port()).isEqualTo(42);
            assertThat(NodeAddress.parse("[::1]", 9001)).isEqualTo(NodeAddress.parse("[::1]:9001"));
            assertThat(NodeAddress.parse("10.0.0.1", 7).toString()).isEqualTo("10.0.0.1:7");
        }

        @Test
        void ofAcceptsBareHosts() {
            assertThat(NodeAddress.of("2001:DB8::1", 9001).toString()).isEqualTo("[2001:db8::1]:9001");
            assertThat(NodeAddress.of("LOCALHOST", 1)).isEqualTo(NodeAddress.parse("localhost:1"));
            assertThat(NodeAddress.of("::ffff:10.0.0.1", 5).toString()).isEqualTo("10.0.0.1:5");
        }

        @Test
        void longestLegalHostnameAndLabel() {
            String label63 = "a".repeat(63);
            assertThat(NodeAddress.parse(label63 + ".io:1").host()).startsWith(label63);
            // 63+1+63+1+63+1+61 = 253 characters, the DNS maximum.
            String name253 = label63 + "." + label63 + "." + label63 + "." + "b".repeat(61);
            assertThat(name253).hasSize(253);
            assertThat(NodeAddress.parse(name253 + ":1").host()).isEqualTo(name253);
        }
    }

    @Nested
    class SocketAddress {

        @Test
        void hostnameStaysUnresolved() {
            InetSocketAddress s = NodeAddress.parse("Some-Host.invalid:9001").toSocketAddress();
            assertThat(s.isUnresolved()).isTrue();
            assertThat(s.getHostString()).isEqualTo("some-host.invalid");
            assertThat(s.getPort()).isEqualTo(9001);
        }

        @Test
        void ipv4LiteralIsResolvedWithoutLookup() {
            InetSocketAddress s = NodeAddress.parse("192.0.2.7:9001").toSocketAddress();
            assertThat(s.isUnresolved()).isFalse();
            assertThat(s.getAddress()).isInstanceOf(Inet4Address.class);
            assertThat(s.getAddress().getAddress()).containsExactly(192, 0, 2, 7);
            assertThat(s.getPort()).isEqualTo(9001);
        }

        @Test
        void ipv6LiteralIsResolved() {
            InetSocketAddress s = NodeAddress.parse("[2001:db8::5]:9001").toSocketAddress();
            assertThat(s.isUnresolved()).isFalse();
            assertThat(s.getAddress()).isInstanceOf(Inet6Address.class);
            assertThat(s.getAddress().getAddress()[15]).isEqualTo((byte) 5);
        }

        @Test
        void numericZoneBecomesScopeId() {
            InetSocketAddress s = NodeAddress.parse("[fe80::1%3]:9001").toSocketAddress();
            assertThat(((Inet6Address) s.getAddress()).getScopeId()).isEqualTo(3);
        }

        @Test
        void unknownNamedZoneIsLeftForTheDialer() {
            InetSocketAddress s = NodeAddress.parse("[fe80::1%nosuchif0]:9001").toSocketAddress();
            assertThat(s.isUnresolved()).isTrue();
            assertThat(s.getHostString()).isEqualTo("fe80::1%nosuchif0");
        }
    }

    @Nested
    class Invalid {

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource(delimiter = '|', value = {
            "node1                 | missing port",
            "[::1]                 | missing port",
            "node1:                | empty port",
            "[::1]:                | empty port",
            ":9001                 | empty host",
            ".:9001                | empty host",
            "node1:0               | port 0 is out of range 1..65535",
            "node1:65536           | port 65536 is out of range 1..65535",
            "node1:123456          | out of range 1..65535",
            "node1:+1              | plain ASCII digits",
            "node1:1_0             | plain ASCII digits",
            "node1:0x10            | plain ASCII digits",
            "::1:9001              | must be in brackets",
            "2001:db8::1           | must be in brackets",
            "0.0.0.0:9001          | unspecified",
            "[::]:9001             | unspecified",
            "[0:0:0:0:0:0:0:0]:9001 | unspecified",
            "[::ffff:0.0.0.0]:9001 | unspecified",
            "224.0.0.0:9001        | multicast",
            "239.255.255.255:9001  | multicast",
            "[ff02::1]:9001        | multicast",
            "[FF00::]:9001         | multicast",
            "[::ffff:224.0.0.1]:9001 | multicast",
            "240.0.0.0:9001        | reserved",
            "255.255.255.255:9001  | reserved",
            "[127.0.0.1]:9001      | not an IPv4 address",
            "[node1]:9001          | not a hostname",
            "user@node1:9001       | '@'",
            "[::1:9001             | missing closing ']'",
            "[::1]x:9001           | unexpected text after ']'",
            "no]de:9001            | misplaced",
            "[gggg::1]:9001        | not a valid IPv6 address",
            "[1:2:3:4:5:6:7:8:9]:1 | not a valid IPv6 address",
            "[1::2::3]:1           | not a valid IPv6 address",
            "[:::]:1               | not a valid IPv6 address",
            "[1:2:3:4:5:6:7:8::]:1 | not a valid IPv6 address",
            "[1.2.3.4::]:1         | not a valid IPv6 address",
            "[12345::1]:1          | not a valid IPv6 address",
            "[fe80::1%]:1          | empty IPv6 zone id",
            "[fe80::1%25]:1        | empty IPv6 zone id",
            "[fe80::1%eth/0]:1     | zone id",
            "[::ffff:1.2.3.4%eth0]:1 | cannot have a zone id",
            "[fe80::1%99999999999]:1 | too large",
            "127.1:9001            | all numeric",
            "0x7f000001:9001       | all numeric",
            "010.0.0.1:9001        | all numeric",
            "256.1.1.1:9001        | all numeric",
            "1.2.3.4.:9001         | all numeric",
            "host.123:9001         | all digits",
            "a..b:9001             | empty label",
            "-a:9001               | starts or ends with '-'",
            "a-:9001               | starts or ends with '-'",
            "a_b:9001              | only ASCII letters, digits",
            "a%b:9001              | only ASCII letters, digits",
        })
        void rejected(String input, String message) {
            assertThatThrownBy(() -> NodeAddress.parse(input))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + input + "'")
                    .hasMessageContaining(message);
        }

        @ParameterizedTest
        @ValueSource(strings = {"fe80::1", "::1", "::"})
        void unbracketedIpv6IsRejectedEvenWithADefaultPort(String input) {
            assertThatThrownBy(() -> NodeAddress.parse(input, 9001))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("IPv6 address must be in brackets, as in [::1]:9001");
        }

        @Test
        void emptyText() {
            assertThatThrownBy(() -> NodeAddress.parse("")).hasMessageContaining("empty");
            assertThatThrownBy(() -> NodeAddress.parse("", 9001)).hasMessageContaining("empty");
        }

        @Test
        void forbiddenCharactersAreNamedAndEscapedInTheMessage() {
            assertThatThrownBy(() -> NodeAddress.parse("node\u0000:1")).hasMessageContaining("NUL")
                    .hasMessageContaining("'node\\0:1'");
            assertThatThrownBy(() -> NodeAddress.parse("node\r\nX-Evil: 1:1"))
                    .hasMessageContaining("line break (CR/LF)")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r"));
            assertThatThrownBy(() -> NodeAddress.parse("no de:1")).hasMessageContaining("whitespace");
            assertThatThrownBy(() -> NodeAddress.parse("\tnode:1")).hasMessageContaining("whitespace");
            assertThatThrownBy(() -> NodeAddress.parse("node\u00a0:1")).hasMessageContaining("whitespace");
            assertThatThrownBy(() -> NodeAddress.parse("node\u0001:1")).hasMessageContaining("control character");
            assertThatThrownBy(() -> NodeAddress.parse("bücher.de:1")).hasMessageContaining("non-ASCII")
                    .hasMessageContaining("xn--");
            // Unicode digits are not plain ASCII digits.
            assertThatThrownBy(() -> NodeAddress.parse("node:\u0669")).hasMessageContaining("non-ASCII");
        }

        @Test
        void lengthLimit() {
            String host = "a".repeat(60) + "." + "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(60);
            String ok = host + ".eeeeeee:9001";
            assertThat(ok).hasSize(256);
            assertThat(NodeAddress.parse(ok).port()).isEqualTo(9001);
            String tooLong = host + ".eeeeeeee:9001";
            assertThatThrownBy(() -> NodeAddress.parse(tooLong))
                    .hasMessageContaining("257 characters long; at most 256");
        }

        @Test
        void labelAndNameLength() {
            assertThatThrownBy(() -> NodeAddress.parse("a".repeat(64) + ".io:1")).hasMessageContaining("longer than 63");
            String name254 = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(62);
            assertThatThrownBy(() -> NodeAddress.parse(name254 + ":1")).hasMessageContaining("longer than 253");
        }

        @Test
        void nullIsRejected() {
            assertThatThrownBy(() -> NodeAddress.parse(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> NodeAddress.of(null, 1)).isInstanceOf(NullPointerException.class);
        }

        @Test
        void badDefaultPort() {
            assertThatThrownBy(() -> NodeAddress.parse("node1", 0)).hasMessageContaining("default port 0");
            assertThatThrownBy(() -> NodeAddress.parse("node1", 65536)).hasMessageContaining("default port 65536");
        }

        @Test
        void ofValidatesToo() {
            assertThatThrownBy(() -> NodeAddress.of("[::1]", 1)).hasMessageContaining("without brackets");
            assertThatThrownBy(() -> NodeAddress.of("node1", 0)).hasMessageContaining("out of range 1..65535");
            assertThatThrownBy(() -> NodeAddress.of("::", 1)).hasMessageContaining("unspecified");
            assertThatThrownBy(() -> NodeAddress.of("0.0.0.0", 1)).hasMessageContaining("unspecified");
            assertThatThrownBy(() -> NodeAddress.of("a b", 1)).hasMessageContaining("whitespace");
        }

        @Test
        void longInputIsShortenedInTheMessage() {
            String huge = "x".repeat(10_000);
            assertThatThrownBy(() -> NodeAddress.parse(huge))
                    .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400).contains("10000 characters"));
        }
    }
}
