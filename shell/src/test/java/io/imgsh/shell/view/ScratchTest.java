package io.imgsh.shell.view;

import com.googlecode.lanterna.input.KeyType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchTest {
    @TempDir
    Path dir;

    void show(String label, ViewTester t) {
        System.out.println("==== " + label);
        System.out.print(t.screen().replace(" \n", "$\n"));
    }

    @Test
    void print() {
        try (ViewFixture f = new ViewFixture(dir); ViewTester t = new ViewTester(120, 9)) {
            String a = f.add("Debian 12 amd64", "debian", "12", 0, "debian/12", "debian");
            String b = f.add("Ubuntu 24.04 LTS", "ubuntu", "24.04", 100_000, "ubuntu/24.04");
            String c = f.add("Alpine edge", "alpine", "edge", 2_000_000);
            System.out.println("FPS " + a + " " + b + " " + c);
            BrowseView v = new BrowseView(t.screen, f.engine.images(), f.engine.aliases(), List.of(), "/home/u").open();
            t.draw();
            show("open", t);
            t.type("/u");
            show("/u", t);
            t.type("bu");
            show("/ubu", t);
            t.press(KeyType.Enter);
            show("enter", t);
            t.type("/");
            t.press(KeyType.Escape);
            show("esc", t);
            t.type("s");
            show("s1", t);
            t.type("ssssss");
            show("s7", t);
            t.type("S");
            show("S", t);
            t.resize(80, 9);
            show("80", t);
        }
    }
}
