<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Korean for Qt's own strings that Qt's qtbase_ko.qm lacks (Qt 6 added mnemonics to these
     labels of its file dialog, and the shipped catalogue still has them without). Loaded after
     qtbase_ko, so it is searched first. Compiled by `make translations`. -->
<TS version="2.1" language="ko_KR">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>찾는 위치(&amp;L):</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>파일 형식(&amp;T):</translation>
    </message>
</context>
</TS>
