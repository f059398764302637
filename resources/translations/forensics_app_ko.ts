<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>AddFilesDialog</name>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="828"/>
        <source>Add files to %1</source>
        <translation>%1에 파일 추가</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="831"/>
        <source>Files are hashed (SHA-256 and MD5) and added to &lt;b&gt;%1&lt;/b&gt; (%2).</source>
        <translation>파일의 해시값(SHA-256, MD5)을 계산하여 &lt;b&gt;%1&lt;/b&gt;(%2)에 추가합니다.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="843"/>
        <source>Hash and add</source>
        <translation>해시 계산 후 추가</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="874"/>
        <source>Hashing files for %1…</source>
        <translation>%1 파일 해시 계산 중…</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../forensics_app/ui/app.py" line="52"/>
        <source>Forensics Workstation</source>
        <translation>디지털 포렌식 워크스테이션</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/app.py" line="76"/>
        <source>Cannot open the database</source>
        <translation>데이터베이스를 열 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/app.py" line="77"/>
        <source>The workstation cannot open its database.</source>
        <translation>워크스테이션이 데이터베이스를 열지 못했습니다.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/app.py" line="79"/>
        <source>Log file: {path}</source>
        <translation>로그 파일: {path}</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <location filename="../../forensics_app/ui/case_dialogs.py" line="42"/>
        <source>New case</source>
        <translation>새 사건</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/case_dialogs.py" line="44"/>
        <source>Edit case {number}</source>
        <translation>사건 {number} 수정</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/case_dialogs.py" line="53"/>
        <source>automatic ({example})</source>
        <translation>자동 부여 (예: {example})</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/case_dialogs.py" line="56"/>
        <source>e.g. Illegal flyers, Gangnam station area</source>
        <translation>예: 강남역 일대 불법 전단지</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/case_dialogs.py" line="62"/>
        <source>Illegal advertising (flyers)</source>
        <translation>불법 광고물(전단지)</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/case_dialogs.py" line="63"/>
        <source>Illegal prostitution advertising</source>
        <translation>성매매 알선 광고</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/case_dialogs.py" line="64"/>
        <source>Voice phishing</source>
        <translation>보이스피싱</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/case_dialogs.py" line="65"/>
        <source>Fraud</source>
        <translation>사기</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/case_dialogs.py" line="66"/>
        <source>Illegal gambling</source>
        <translation>불법 도박</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/case_dialogs.py" line="67"/>
        <source>Drugs</source>
        <translation>마약류</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/case_dialogs.py" line="68"/>
        <source>Digital sex crime</source>
        <translation>디지털 성범죄</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/case_dialogs.py" line="69"/>
        <source>Theft</source>
        <translation>절도</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/case_dialogs.py" line="83"/>
        <source>Case number:</source>
        <translation>사건번호:</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/case_dialogs.py" line="84"/>
        <source>Title:</source>
        <translation>사건명:</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/case_dialogs.py" line="85"/>
        <source>Offence:</source>
        <translation>죄명:</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/case_dialogs.py" line="86"/>
        <source>Lead examiner:</source>
        <translation>주무 분석관:</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/case_dialogs.py" line="87"/>
        <source>Opened on:</source>
        <translation>접수일:</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/case_dialogs.py" line="88"/>
        <source>Notes:</source>
        <translation>비고:</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/case_dialogs.py" line="100"/>
        <source>Create case</source>
        <translation>사건 생성</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/case_dialogs.py" line="100"/>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/case_dialogs.py" line="139"/>
        <source>A case needs a title.</source>
        <translation>사건명을 입력하십시오.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/case_dialogs.py" line="155"/>
        <source>A case needs a number.</source>
        <translation>사건번호를 입력하십시오.</translation>
    </message>
</context>
<context>
    <name>CaseListModel</name>
    <message>
        <location filename="../../forensics_app/ui/case_model.py" line="48"/>
        <source>Number</source>
        <translation>사건번호</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/case_model.py" line="49"/>
        <source>Title</source>
        <translation>사건명</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/case_model.py" line="50"/>
        <source>Offence</source>
        <translation>죄명</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/case_model.py" line="51"/>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/case_model.py" line="52"/>
        <source>Items</source>
        <translation>증거물</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/case_model.py" line="53"/>
        <source>Lead examiner</source>
        <translation>주무 분석관</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/case_model.py" line="54"/>
        <source>Opened</source>
        <translation>접수일</translation>
    </message>
</context>
<context>
    <name>CaseNavigator</name>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="165"/>
        <source>Cases</source>
        <translation>사건 목록</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="171"/>
        <source>New case</source>
        <translation>새 사건</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="178"/>
        <source>Search cases (Ctrl+F)</source>
        <translation>사건 검색 (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="184"/>
        <source>All</source>
        <translation>전체</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="292"/>
        <source>{n} cases</source>
        <translation>사건 {n}건</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="294"/>
        <source>{shown} of {n} cases</source>
        <translation>사건 {n}건 중 {shown}건</translation>
    </message>
</context>
<context>
    <name>CaseStatus</name>
    <message>
        <location filename="../../forensics_app/ui/case_model.py" line="34"/>
        <source>Open</source>
        <translation>진행 중</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/case_model.py" line="35"/>
        <source>Closed</source>
        <translation>종결</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/case_model.py" line="36"/>
        <source>Archived</source>
        <translation>보존(아카이브)</translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <location filename="../../forensics_app/ui/crash.py" line="176"/>
        <source>Unexpected error</source>
        <translation>예기치 않은 오류</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/crash.py" line="179"/>
        <source>An unexpected error occurred. The program may not work correctly until it is restarted.

The details were written to the log file:
{path}

Please send this file to the person who supports the workstation.</source>
        <translation>예기치 않은 오류가 발생했습니다. 프로그램을 다시 시작할 때까지 일부 기능이 올바르게 동작하지 않을 수 있습니다.

자세한 내용은 다음 로그 파일에 기록되었습니다:
{path}

이 파일을 워크스테이션 관리 담당자에게 전달해 주십시오.</translation>
    </message>
</context>
<context>
    <name>CustodyLabels</name>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="66"/>
        <source>Catalogued</source>
        <translation>등록</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="67"/>
        <source>Edited</source>
        <translation>수정</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="68"/>
        <source>Status changed</source>
        <translation>상태 변경</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="69"/>
        <source>Hashed</source>
        <translation>해시 계산</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="70"/>
        <source>Verified</source>
        <translation>검증</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="71"/>
        <source>Imported</source>
        <translation>가져오기</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="72"/>
        <source>Exported</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="73"/>
        <source>Handed over</source>
        <translation>인계</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="74"/>
        <source>Examiner account</source>
        <translation>분석관 계정</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="75"/>
        <source>Signed in</source>
        <translation>로그인</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="78"/>
        <source>Exhibit no.</source>
        <translation>증거물 번호</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="79"/>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="80"/>
        <source>Description</source>
        <translation>설명</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="81"/>
        <source>Make</source>
        <translation>제조사</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="82"/>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="83"/>
        <source>Serial no.</source>
        <translation>일련번호</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="84"/>
        <source>IMEI</source>
        <translation>IMEI</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="85"/>
        <source>Seized from</source>
        <translation>압수 대상</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="86"/>
        <source>Seized at (place)</source>
        <translation>압수 장소</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="87"/>
        <source>Seized on</source>
        <translation>압수 일시</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="88"/>
        <source>Seized by</source>
        <translation>압수자</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="89"/>
        <source>Stored at</source>
        <translation>보관 장소</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="90"/>
        <source>Inside item (id)</source>
        <translation>상위 증거물 (ID)</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="91"/>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="92"/>
        <source>Custodian</source>
        <translation>보관 책임자</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="93"/>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="94"/>
        <source>Message</source>
        <translation>메시지</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="95"/>
        <source>Path</source>
        <translation>경로</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="96"/>
        <source>Size (bytes)</source>
        <translation>크기(바이트)</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="97"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="98"/>
        <source>MD5</source>
        <translation>MD5</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="99"/>
        <source>Result</source>
        <translation>결과</translation>
    </message>
</context>
<context>
    <name>CustodyLogView</name>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="241"/>
        <source>Whole case</source>
        <translation>사건 전체</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="242"/>
        <source>Show the entries of the whole case</source>
        <translation>사건 전체의 기록을 표시합니다</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="245"/>
        <source>Filter entries…</source>
        <translation>기록 필터…</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="274"/>
        <source>Select an entry to see its details.</source>
        <translation>기록을 선택하면 상세 내용이 표시됩니다.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="320"/>
        <source>Custody log</source>
        <translation>관리연속성 로그</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="325"/>
        <source>Custody log of item %1</source>
        <translation>증거물 %1의 관리연속성 로그</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="329"/>
        <source>Custody log of case %1</source>
        <translation>사건 %1의 관리연속성 로그</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="332"/>
        <source>Custody log — cannot be read: %1</source>
        <translation>관리연속성 로그 — 읽을 수 없음: %1</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="352"/>
        <source>newest %1 entries</source>
        <translation>최근 기록 %1건</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="354"/>
        <source>%1 entries</source>
        <translation>기록 %1건</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="356"/>
        <source>%1 of %2</source>
        <translation>%2건 중 %1건</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="428"/>
        <source>Entry</source>
        <translation>기록</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="429"/>
        <source>Examiner</source>
        <translation>분석관</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="430"/>
        <source>Time (UTC)</source>
        <translation>시각(UTC)</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="431"/>
        <source>Local time</source>
        <translation>현지 시각</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="476"/>
        <source>Entry hash</source>
        <translation>기록 해시</translation>
    </message>
</context>
<context>
    <name>CustodyTableModel</name>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="103"/>
        <source>Seq</source>
        <translation>순번</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="104"/>
        <source>Time (UTC)</source>
        <translation>시각(UTC)</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="105"/>
        <source>Local time</source>
        <translation>현지 시각</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="106"/>
        <source>Examiner</source>
        <translation>분석관</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="107"/>
        <source>Action</source>
        <translation>작업</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/custody_view.py" line="108"/>
        <source>Summary</source>
        <translation>요약</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="105"/>
        <source>No cases yet</source>
        <translation>아직 등록된 사건이 없습니다</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="114"/>
        <source>Every seized item, file hash and custody entry belongs to a case.
Create the first case to start cataloguing evidence.</source>
        <translation>모든 압수 증거물, 파일 해시, 관리연속성 기록은 사건 단위로 관리됩니다.
첫 사건을 만들고 증거물 등록을 시작하십시오.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="121"/>
        <source>Create a new case</source>
        <translation>새 사건 만들기</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="135"/>
        <source>Shortcut: Ctrl+N</source>
        <translation>단축키: Ctrl+N</translation>
    </message>
</context>
<context>
    <name>EvidenceLabels</name>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="60"/>
        <source>Mobile phone</source>
        <translation>휴대전화</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="61"/>
        <source>Computer</source>
        <translation>컴퓨터</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="62"/>
        <source>CCTV recorder</source>
        <translation>CCTV 녹화기(DVR/NVR)</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="63"/>
        <source>Storage media</source>
        <translation>저장매체</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="64"/>
        <source>SIM / memory card</source>
        <translation>USIM / 메모리카드</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="65"/>
        <source>Flyer photos</source>
        <translation>전단지 촬영 사진</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="66"/>
        <source>Document</source>
        <translation>문서</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="67"/>
        <source>Other</source>
        <translation>기타</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="70"/>
        <source>In custody</source>
        <translation>보관 중</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="71"/>
        <source>In analysis</source>
        <translation>분석 중</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="72"/>
        <source>Returned</source>
        <translation>환부</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="73"/>
        <source>Destroyed</source>
        <translation>폐기</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="76"/>
        <source>OK</source>
        <translation>정상</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="77"/>
        <source>HASH MISMATCH</source>
        <translation>해시 불일치</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="78"/>
        <source>FILE MISSING</source>
        <translation>파일 없음</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="79"/>
        <source>Unreadable</source>
        <translation>읽기 불가</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="80"/>
        <source>Changed while reading</source>
        <translation>읽는 도중 변경됨</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="85"/>
        <source>All verified files matched their catalogued hashes.</source>
        <translation>검증한 모든 파일이 등록 당시의 해시값과 일치했습니다.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="88"/>
        <source>A file no longer matches its catalogued SHA-256/MD5: the evidence copy may have been altered. Do not use it; report it and re-verify.</source>
        <translation>파일이 등록 당시의 SHA-256/MD5 해시값과 일치하지 않습니다. 증거 사본이 변조되었을 수 있습니다. 사용을 중지하고 보고한 뒤 다시 검증하십시오.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="93"/>
        <source>A catalogued file was not found at its stored location during the last verification.</source>
        <translation>최근 검증 때 등록된 파일을 저장 위치에서 찾을 수 없었습니다.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="97"/>
        <source>A file could not be read during the last verification.</source>
        <translation>최근 검증 때 파일을 읽을 수 없었습니다.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="100"/>
        <source>A file changed while it was being verified; verify it again.</source>
        <translation>검증하는 도중 파일이 변경되었습니다. 다시 검증하십시오.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="129"/>
        <source>Not verified</source>
        <translation>미검증</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="136"/>
        <source>The files have not been verified since hashing.</source>
        <translation>해시 계산 이후 아직 검증하지 않았습니다.</translation>
    </message>
</context>
<context>
    <name>EvidencePane</name>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="391"/>
        <source>Search exhibit no., description, make, serial, IMEI, seized from, storage…</source>
        <translation>증거물 번호, 설명, 제조사, 일련번호, IMEI, 압수 대상, 보관 장소 검색…</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="395"/>
        <source>All kinds</source>
        <translation>모든 종류</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="399"/>
        <source>All statuses</source>
        <translation>모든 상태</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="404"/>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="823"/>
        <source>New item…</source>
        <translation>새 증거물…</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="405"/>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="496"/>
        <source>Catalogue a new item and hash its files</source>
        <translation>새 증거물을 등록하고 파일 해시값을 계산합니다</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="498"/>
        <source>The case is not open: reopen it to add evidence</source>
        <translation>진행 중인 사건이 아닙니다. 증거물을 추가하려면 사건을 재개하십시오</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="501"/>
        <source>No case is open.</source>
        <translation>선택된 사건이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="503"/>
        <source>No evidence yet. Click “New item…” or drop files and folders here.</source>
        <translation>아직 증거물이 없습니다. “새 증거물…”을 누르거나 파일과 폴더를 이곳에 끌어다 놓으십시오.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="584"/>
        <source>%1 of %2 items</source>
        <translation>증거물 %2건 중 %1건</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="587"/>
        <source>%1 items</source>
        <translation>증거물 %1건</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="667"/>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="685"/>
        <source>The case is not open: reopen it to add evidence.</source>
        <translation>진행 중인 사건이 아닙니다. 증거물을 추가하려면 사건을 재개하십시오.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="735"/>
        <source>Verifying %1…</source>
        <translation>%1 검증 중…</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="761"/>
        <source>INTEGRITY FAILURE: %1 of %2 file(s) of %3 do not match.</source>
        <translation>무결성 검증 실패: %3의 파일 %2개 중 %1개가 일치하지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="769"/>
        <source>Evidence integrity failure</source>
        <translation>증거 무결성 검증 실패</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="777"/>
        <source>The evidence copy may have been altered or lost. Do not use it for analysis before the cause is found. The result is recorded in the custody log.</source>
        <translation>증거 사본이 변조되었거나 유실되었을 수 있습니다. 원인이 밝혀지기 전에는 분석에 사용하지 마십시오. 검증 결과는 관리연속성 로그에 기록되었습니다.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="788"/>
        <source>Verification cancelled after %1 file(s); those results are recorded.</source>
        <translation>파일 %1개를 검증한 뒤 취소되었습니다. 그 결과는 기록되었습니다.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="793"/>
        <source>All %1 file(s) of %2 match their catalogued hashes.</source>
        <translation>%2의 파일 %1개 모두 등록 당시의 해시값과 일치합니다.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="816"/>
        <source>Edit…</source>
        <translation>수정…</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="817"/>
        <source>Add files…</source>
        <translation>파일 추가…</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="818"/>
        <source>Change status…</source>
        <translation>상태 변경…</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="819"/>
        <source>Hand over…</source>
        <translation>인계…</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="820"/>
        <source>Verify this item</source>
        <translation>이 증거물 검증</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="850"/>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="854"/>
        <source>Evidence</source>
        <translation>증거물</translation>
    </message>
</context>
<context>
    <name>EvidenceTableModel</name>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="208"/>
        <source>Exhibit no.</source>
        <translation>증거물 번호</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="210"/>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="212"/>
        <source>Description</source>
        <translation>설명</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="214"/>
        <source>Make / model</source>
        <translation>제조사 / 모델</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="217"/>
        <source>Serial / IMEI</source>
        <translation>일련번호 / IMEI</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="221"/>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="222"/>
        <source>Custodian</source>
        <translation>보관 책임자</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="223"/>
        <source>Files</source>
        <translation>파일</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="224"/>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="225"/>
        <source>Verification</source>
        <translation>검증</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="226"/>
        <source>Seized at</source>
        <translation>압수 일시</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="345"/>
        <source>Cannot sort by this column</source>
        <translation>이 열로는 정렬할 수 없습니다</translation>
    </message>
</context>
<context>
    <name>ExaminerDialog</name>
    <message>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="311"/>
        <source>Add examiner</source>
        <translation>분석관 추가</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="325"/>
        <source>Name:</source>
        <translation>성명:</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="326"/>
        <source>Badge number:</source>
        <translation>공무원증 번호:</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="327"/>
        <source>Role:</source>
        <translation>역할:</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="329"/>
        <source>Password:</source>
        <translation>비밀번호:</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="330"/>
        <source>Repeat password:</source>
        <translation>비밀번호 확인:</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="339"/>
        <source>Add</source>
        <translation>추가</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="351"/>
        <source>The password needs at least {n} characters.</source>
        <translation>비밀번호는 {n}자 이상이어야 합니다.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="357"/>
        <source>The two passwords differ.</source>
        <translation>두 비밀번호가 서로 다릅니다.</translation>
    </message>
</context>
<context>
    <name>FileTableModel</name>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="479"/>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="480"/>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="481"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="482"/>
        <source>MD5</source>
        <translation>MD5</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="483"/>
        <source>Last verification</source>
        <translation>최근 검증 결과</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_model.py" line="484"/>
        <source>Verified at</source>
        <translation>검증 일시</translation>
    </message>
</context>
<context>
    <name>HandOverDialog</name>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="973"/>
        <source>Hand over %1</source>
        <translation>%1 인계</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="981"/>
        <source>Held by</source>
        <translation>현재 보관자</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="981"/>
        <source>nobody</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="982"/>
        <source>Hand over to</source>
        <translation>인수자</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="984"/>
        <source>No other active examiner</source>
        <translation>인계할 수 있는 다른 분석관이 없습니다</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="990"/>
        <source>Choose the examiner who receives the item.</source>
        <translation>증거물을 인수할 분석관을 선택하십시오.</translation>
    </message>
</context>
<context>
    <name>ItemDetailPanel</name>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="202"/>
        <source>Edit…</source>
        <translation>수정…</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="203"/>
        <source>Add files…</source>
        <translation>파일 추가…</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="204"/>
        <source>Change status…</source>
        <translation>상태 변경…</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="205"/>
        <source>Hand over…</source>
        <translation>인계…</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="206"/>
        <source>Verify this item</source>
        <translation>이 증거물 검증</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="208"/>
        <source>Re-hash every file of this item and compare with the catalogued hashes</source>
        <translation>이 증거물의 모든 파일 해시값을 다시 계산하여 등록 당시 값과 비교합니다</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="217"/>
        <source>Description</source>
        <translation>설명</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="218"/>
        <source>Make / model</source>
        <translation>제조사 / 모델</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="219"/>
        <source>Serial no.</source>
        <translation>일련번호</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="220"/>
        <source>IMEI</source>
        <translation>IMEI</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="221"/>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="222"/>
        <source>Custodian</source>
        <translation>보관 책임자</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="223"/>
        <source>Inside item</source>
        <translation>상위 증거물</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="224"/>
        <source>Seized from</source>
        <translation>압수 대상</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="225"/>
        <source>Seized at (place)</source>
        <translation>압수 장소</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="226"/>
        <source>Seized on</source>
        <translation>압수 일시</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="227"/>
        <source>Seized by</source>
        <translation>압수자</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="228"/>
        <source>Stored at</source>
        <translation>보관 장소</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="229"/>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="258"/>
        <source>Files</source>
        <translation>파일</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="230"/>
        <source>Verification</source>
        <translation>검증</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="259"/>
        <source>Items inside</source>
        <translation>하위 증거물</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="278"/>
        <source>Select an item to see its details and files.</source>
        <translation>증거물을 선택하면 상세 정보와 파일이 표시됩니다.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="315"/>
        <source>nobody</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="327"/>
        <source>%1 file(s), %2</source>
        <translation>파일 %1개, %2</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="340"/>
        <source>INTEGRITY ALERT — %1: %2</source>
        <translation>무결성 경고 — %1: %2</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="356"/>
        <source>Files (%1)</source>
        <translation>파일 (%1)</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/evidence_pane.py" line="357"/>
        <source>Items inside (%1)</source>
        <translation>하위 증거물 (%1)</translation>
    </message>
</context>
<context>
    <name>ItemDialog</name>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="553"/>
        <source>New evidence item</source>
        <translation>새 증거물</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="555"/>
        <source>Edit item %1</source>
        <translation>증거물 %1 수정</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="564"/>
        <source>Automatic (next EX-number)</source>
        <translation>자동 부여 (다음 EX 번호)</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="585"/>
        <source>e.g. Samsung</source>
        <translation>예: 삼성전자</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="586"/>
        <source>e.g. Galaxy S23</source>
        <translation>예: Galaxy S23</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="587"/>
        <source>Person or place it was taken from</source>
        <translation>압수 대상자 또는 장소</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="588"/>
        <source>Evidence room, shelf, bag number</source>
        <translation>증거물 보관실, 선반, 봉투 번호</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="590"/>
        <source>Item</source>
        <translation>증거물</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="592"/>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="593"/>
        <source>Exhibit no.</source>
        <translation>증거물 번호</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="594"/>
        <source>Description</source>
        <translation>설명</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="595"/>
        <source>Make</source>
        <translation>제조사</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="596"/>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="597"/>
        <source>Serial no.</source>
        <translation>일련번호</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="598"/>
        <source>IMEI</source>
        <translation>IMEI</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="599"/>
        <source>Inside item</source>
        <translation>상위 증거물</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="600"/>
        <source>Seizure and storage</source>
        <translation>압수 및 보관</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="602"/>
        <source>Seized from</source>
        <translation>압수 대상</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="603"/>
        <source>Seized at (place)</source>
        <translation>압수 장소</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="604"/>
        <source>Seized on</source>
        <translation>압수 일시</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="605"/>
        <source>Seized by</source>
        <translation>압수자</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="606"/>
        <source>Stored at</source>
        <translation>보관 장소</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="619"/>
        <source>Files and folders to catalogue</source>
        <translation>등록할 파일 및 폴더</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="627"/>
        <source>Catalogue and hash</source>
        <translation>등록 및 해시 계산</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="627"/>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="647"/>
        <source>(none)</source>
        <translation>(없음)</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="666"/>
        <source>The first %1 items are listed; type any exhibit number.</source>
        <translation>처음 %1건만 표시됩니다. 다른 증거물 번호는 직접 입력하십시오.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="767"/>
        <source>Hashing %1 file(s) or folder(s)…</source>
        <translation>파일 또는 폴더 %1개 해시 계산 중…</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="769"/>
        <source>Cataloguing…</source>
        <translation>등록 중…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="82"/>
        <source>Cannot complete the action</source>
        <translation>작업을 완료할 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="338"/>
        <source>Chain of custody (CoC) log</source>
        <translation>관리연속성(CoC) 로그</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="392"/>
        <source>&amp;New case…</source>
        <translation>새 사건(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="393"/>
        <source>Open a new case</source>
        <translation>새 사건을 등록합니다</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="396"/>
        <source>&amp;Edit case…</source>
        <translation>사건 정보 수정(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="397"/>
        <source>Change the number, title or notes of the case</source>
        <translation>사건번호, 사건명, 비고 등을 수정합니다</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="400"/>
        <source>&amp;Close case</source>
        <translation>사건 종결(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="401"/>
        <source>Mark the case closed: no evidence can be added until it is reopened</source>
        <translation>사건을 종결 처리합니다. 재개하기 전까지 증거물을 추가할 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="404"/>
        <source>&amp;Reopen case</source>
        <translation>사건 재개(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="405"/>
        <source>Open a closed or archived case again</source>
        <translation>종결 또는 보존된 사건을 다시 진행 상태로 돌립니다</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="408"/>
        <source>&amp;Archive case</source>
        <translation>사건 보존 처리(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="409"/>
        <source>Move the case to the archive</source>
        <translation>사건을 보존(아카이브) 목록으로 옮깁니다</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="412"/>
        <source>&amp;Verify case integrity</source>
        <translation>사건 무결성 검증(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="414"/>
        <source>Re-hash every file of the case and check the custody log</source>
        <translation>사건의 모든 파일 해시를 다시 계산하고 관리연속성 로그를 검증합니다</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="417"/>
        <source>New evidence &amp;item…</source>
        <translation>새 증거물(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="418"/>
        <source>Catalogue a seized item in this case</source>
        <translation>이 사건에 압수 증거물을 등록합니다</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="421"/>
        <source>Add &amp;files…</source>
        <translation>파일 추가(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="422"/>
        <source>Hash and add files or a folder to the selected item</source>
        <translation>선택한 증거물에 파일이나 폴더를 추가하고 해시값을 계산합니다</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="425"/>
        <source>Edit selected item…</source>
        <translation>선택한 증거물 수정…</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="426"/>
        <source>Edit the selected evidence item</source>
        <translation>선택한 증거물의 정보를 수정합니다</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="429"/>
        <source>&amp;Find case</source>
        <translation>사건 찾기(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="430"/>
        <source>Search the case list</source>
        <translation>사건 목록에서 검색합니다</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="433"/>
        <source>&amp;Refresh</source>
        <translation>새로 고침(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="434"/>
        <source>Read cases, evidence and the custody log again</source>
        <translation>사건, 증거물, 관리연속성 로그를 다시 불러옵니다</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="436"/>
        <source>&amp;Quit</source>
        <translation>종료(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="438"/>
        <source>&amp;About</source>
        <translation>프로그램 정보(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="441"/>
        <source>Add &amp;examiner…</source>
        <translation>분석관 추가(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="442"/>
        <source>Create an account for another examiner</source>
        <translation>다른 분석관의 계정을 만듭니다</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="449"/>
        <source>Open &amp;log folder</source>
        <translation>로그 폴더 열기(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="450"/>
        <source>Show the folder with the log files</source>
        <translation>로그 파일이 있는 폴더를 엽니다</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="467"/>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="474"/>
        <source>&amp;Case</source>
        <translation>사건(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="483"/>
        <source>&amp;Evidence</source>
        <translation>증거물(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="488"/>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="494"/>
        <source>&amp;Settings</source>
        <translation>설정(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="497"/>
        <source>&amp;Language (applies after restart)</source>
        <translation>언어(&amp;L) (다시 시작하면 적용)</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="501"/>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="507"/>
        <source>Main toolbar</source>
        <translation>기본 도구 모음</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="526"/>
        <source>Examiner: {label} · {role}</source>
        <translation>분석관: {label} · {role}</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="528"/>
        <source>Team DB</source>
        <translation>팀 DB</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="528"/>
        <source>Local DB</source>
        <translation>로컬 DB</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="623"/>
        <source>Forensics Workstation</source>
        <translation>디지털 포렌식 워크스테이션</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="651"/>
        <source>Case {number} created.</source>
        <translation>사건 {number}이(가) 생성되었습니다.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="672"/>
        <source>Close case</source>
        <translation>사건 종결</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="674"/>
        <source>Close case {number}?

No evidence can be added to a closed case until it is reopened. The closing is recorded in the custody log.</source>
        <translation>사건 {number}을(를) 종결하시겠습니까?

종결된 사건에는 재개하기 전까지 증거물을 추가할 수 없습니다. 종결 처리는 관리연속성 로그에 기록됩니다.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="694"/>
        <source>Archive case</source>
        <translation>사건 보존 처리</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="696"/>
        <source>Archive case {number}?

Archived cases are hidden from the open list; they can be reopened.</source>
        <translation>사건 {number}을(를) 보존 처리하시겠습니까?

보존된 사건은 진행 중 목록에 표시되지 않으며, 필요하면 재개할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="710"/>
        <source>Case {number} is now {status}.</source>
        <translation>사건 {number}의 상태가 &apos;{status}&apos;(으)로 변경되었습니다.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="766"/>
        <source>Verifying case {number}…</source>
        <translation>사건 {number} 검증 중…</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="770"/>
        <source>Verify {number}</source>
        <translation>{number} 무결성 검증</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="857"/>
        <source>{n} of {total} files FAILED verification:</source>
        <translation>파일 {total}개 중 {n}개가 검증에 실패했습니다:</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="871"/>
        <source>  … and {n} more (all are listed in the log file)</source>
        <translation>  … 외 {n}개 (전체 목록은 로그 파일에 있습니다)</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="879"/>
        <source>The custody log is BROKEN ({n} problems):</source>
        <translation>관리연속성 로그가 손상되었습니다 (문제 {n}건):</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="890"/>
        <source>The check was cancelled before it finished.</source>
        <translation>검증이 끝나기 전에 취소되었습니다.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="892"/>
        <source>Do not use this evidence until the cause is found. Details: {log}</source>
        <translation>원인이 밝혀질 때까지 이 증거를 사용하지 마십시오. 상세 기록: {log}</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="811"/>
        <location filename="../../forensics_app/ui/main_window.py" line="849"/>
        <source>INTEGRITY CHECK FAILED — case {number}</source>
        <translation>무결성 검증 실패 — 사건 {number}</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="821"/>
        <source>Verification of case {number} cancelled after {n} files; no problem found so far.</source>
        <translation>사건 {number} 검증이 파일 {n}개 확인 후 취소되었습니다. 그때까지 문제는 발견되지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="836"/>
        <source>Verification passed — case {number}</source>
        <translation>무결성 검증 통과 — 사건 {number}</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="838"/>
        <source>All {n} files match their catalogued SHA-256 and MD5 hashes.
The custody log is intact ({entries} entries checked).</source>
        <translation>파일 {n}개 모두 등록 당시의 SHA-256 및 MD5 해시값과 일치합니다.
관리연속성 로그도 손상되지 않았습니다 (기록 {entries}건 확인).</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="925"/>
        <source>Language set to {name}. It takes effect when the program is restarted.</source>
        <translation>언어를 {name}(으)로 설정했습니다. 프로그램을 다시 시작하면 적용됩니다.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="934"/>
        <source>About Forensics Workstation</source>
        <translation>디지털 포렌식 워크스테이션 정보</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="936"/>
        <source>&lt;h3&gt;Forensics Workstation {version}&lt;/h3&gt;&lt;p&gt;Cases, seized evidence, integrity hashes (SHA-256 + MD5) and a tamper-evident chain of custody log.&lt;/p&gt;&lt;p&gt;Database: {location}&lt;br&gt;Examiner: {examiner}&lt;br&gt;Log files: {logs}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;디지털 포렌식 워크스테이션 {version}&lt;/h3&gt;&lt;p&gt;사건, 압수 증거물, 무결성 해시(SHA-256 + MD5), 위변조 탐지가 가능한 관리연속성(CoC) 로그를 관리합니다.&lt;/p&gt;&lt;p&gt;데이터베이스: {location}&lt;br&gt;분석관: {examiner}&lt;br&gt;로그 파일: {logs}&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="953"/>
        <source>Examiner {label} added.</source>
        <translation>분석관 {label}을(를) 추가했습니다.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="967"/>
        <source>Tasks are running</source>
        <translation>작업이 진행 중입니다</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="969"/>
        <source>{n} task(s) still running. Cancel them and quit?

Work finished so far stays recorded.</source>
        <translation>작업 {n}개가 아직 진행 중입니다. 작업을 취소하고 종료하시겠습니까?

지금까지 완료된 작업은 기록으로 남습니다.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="985"/>
        <source>HASH MISMATCH</source>
        <translation>해시 불일치</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="986"/>
        <source>file missing</source>
        <translation>파일 없음</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="987"/>
        <source>unreadable</source>
        <translation>읽을 수 없음</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="988"/>
        <source>changed while being read</source>
        <translation>읽는 도중 변경됨</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/main_window.py" line="991"/>
        <source>OK</source>
        <translation>정상</translation>
    </message>
</context>
<context>
    <name>PathListWidget</name>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="335"/>
        <source>Drop files or folders here</source>
        <translation>파일이나 폴더를 이곳에 끌어다 놓으십시오</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="336"/>
        <source>Add files…</source>
        <translation>파일 추가…</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="337"/>
        <source>Add folder…</source>
        <translation>폴더 추가…</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="338"/>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="375"/>
        <source>Folder: every file inside is hashed</source>
        <translation>폴더: 안의 모든 파일의 해시값을 계산합니다</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="381"/>
        <source>Cannot read this file</source>
        <translation>이 파일을 읽을 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="393"/>
        <source>Choose evidence files</source>
        <translation>증거 파일 선택</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="397"/>
        <source>Choose an evidence folder</source>
        <translation>증거 폴더 선택</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="406"/>
        <source>No files yet. Add files or folders, or drop them on the list.</source>
        <translation>아직 파일이 없습니다. 파일이나 폴더를 추가하거나 목록에 끌어다 놓으십시오.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="416"/>
        <source>%1 file(s), %2</source>
        <translation>파일 %1개, %2</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="419"/>
        <source> and %1 folder(s)</source>
        <translation>, 폴더 %1개</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="420"/>
        <source> — hashed with SHA-256 and MD5.</source>
        <translation> — SHA-256과 MD5로 해시값을 계산합니다.</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <location filename="../../forensics_app/ui/formatting.py" line="23"/>
        <source>Examiner</source>
        <translation>분석관</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/formatting.py" line="24"/>
        <source>Reviewer</source>
        <translation>검토관</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/formatting.py" line="25"/>
        <source>Administrator</source>
        <translation>관리자</translation>
    </message>
</context>
<context>
    <name>SeizureTimeEdit</name>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="460"/>
        <source>Known</source>
        <translation>일시 확인됨</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="467"/>
        <source>Local (%1)</source>
        <translation>현지 시간 (%1)</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="469"/>
        <source>Korea (KST)</source>
        <translation>한국 표준시 (KST)</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="56"/>
        <source>Sign in — Forensics Workstation</source>
        <translation>로그인 — 디지털 포렌식 워크스테이션</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="60"/>
        <source>Team database (shared)</source>
        <translation>팀 데이터베이스 (공유)</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="62"/>
        <source>Local database (this computer)</source>
        <translation>로컬 데이터베이스 (이 컴퓨터)</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="102"/>
        <source>Who is working on this workstation?</source>
        <translation>이 워크스테이션에서 작업할 분석관을 선택하십시오.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="106"/>
        <source>Register a new examiner…</source>
        <translation>새 분석관 등록…</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="133"/>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="154"/>
        <source>Badge number:</source>
        <translation>공무원증 번호:</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="134"/>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="157"/>
        <source>Password:</source>
        <translation>비밀번호:</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="153"/>
        <source>Name:</source>
        <translation>성명:</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="155"/>
        <source>Role:</source>
        <translation>역할:</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="158"/>
        <source>Repeat password:</source>
        <translation>비밀번호 확인:</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="162"/>
        <source>← Back to the list</source>
        <translation>← 목록으로 돌아가기</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="172"/>
        <source>This database has no examiners yet. Create the first one: it becomes the administrator.</source>
        <translation>이 데이터베이스에는 아직 분석관이 없습니다. 첫 분석관을 등록하십시오. 첫 분석관은 관리자가 됩니다.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="183"/>
        <source>The new examiner is registered by {name}; the custody log records who added whom.</source>
        <translation>새 분석관은 {name} 명의로 등록되며, 누가 누구를 등록했는지 관리연속성 로그에 기록됩니다.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="194"/>
        <source>Create and sign in</source>
        <translation>등록 후 로그인</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="194"/>
        <source>Sign in</source>
        <translation>로그인</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="220"/>
        <source>Choose an examiner from the list.</source>
        <translation>목록에서 분석관을 선택하십시오.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="230"/>
        <source>Wrong badge number or password. Try again.</source>
        <translation>공무원증 번호 또는 비밀번호가 올바르지 않습니다. 다시 입력하십시오.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="249"/>
        <source>Enter your badge number and password.</source>
        <translation>공무원증 번호와 비밀번호를 입력하십시오.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="259"/>
        <source>The password needs at least {n} characters.</source>
        <translation>비밀번호는 {n}자 이상이어야 합니다.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="265"/>
        <source>The two passwords differ.</source>
        <translation>두 비밀번호가 서로 다릅니다.</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/signin_dialog.py" line="268"/>
        <source>Enter a name and a badge number.</source>
        <translation>성명과 공무원증 번호를 입력하십시오.</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="943"/>
        <source>Change status of %1</source>
        <translation>%1 상태 변경</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="949"/>
        <source>Current status</source>
        <translation>현재 상태</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="950"/>
        <source>New status</source>
        <translation>변경할 상태</translation>
    </message>
</context>
<context>
    <name>TaskPanel</name>
    <message>
        <location filename="../../forensics_app/ui/task_panel.py" line="19"/>
        <source>hashing</source>
        <translation>해시 계산</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/task_panel.py" line="20"/>
        <source>verifying</source>
        <translation>검증</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/task_panel.py" line="21"/>
        <source>checking custody log</source>
        <translation>관리연속성 로그 확인</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/task_panel.py" line="31"/>
        <source>{seconds} s left</source>
        <translation>{seconds}초 남음</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/task_panel.py" line="34"/>
        <source>{minutes} min {seconds} s left</source>
        <translation>{minutes}분 {seconds}초 남음</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/task_panel.py" line="38"/>
        <source>{hours} h {minutes} min left</source>
        <translation>{hours}시간 {minutes}분 남음</translation>
    </message>
</context>
<context>
    <name>TaskRow</name>
    <message>
        <location filename="../../forensics_app/ui/task_panel.py" line="68"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/task_panel.py" line="69"/>
        <source>Stop this task after the current file</source>
        <translation>현재 파일을 마친 뒤 이 작업을 중지합니다</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/task_panel.py" line="101"/>
        <location filename="../../forensics_app/ui/task_panel.py" line="114"/>
        <source>cancelling…</source>
        <translation>취소하는 중…</translation>
    </message>
</context>
<context>
    <name>TaskStrip</name>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="113"/>
        <source>%1 s</source>
        <translation>%1초</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="117"/>
        <source>%1 min</source>
        <translation>%1분</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="121"/>
        <source>%1 h %2 min</source>
        <translation>%1시간 %2분</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="203"/>
        <location filename="../../forensics_app/ui/item_dialog.py" line="219"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="230"/>
        <source>Cancelling…</source>
        <translation>취소하는 중…</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="250"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="256"/>
        <source>about %1 left</source>
        <translation>약 %1 남음</translation>
    </message>
</context>
<context>
    <name>_NoteDialog</name>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="901"/>
        <source>Reason, receipt number, who was present…</source>
        <translation>사유, 인수증 번호, 입회인 등…</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="910"/>
        <source>Note (kept in the custody log)</source>
        <translation>메모 (관리연속성 로그에 기록됨)</translation>
    </message>
</context>
<context>
    <name>_TaskDialog</name>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="293"/>
        <source>Cancelled. Nothing was stored.</source>
        <translation>취소되었습니다. 아무것도 저장되지 않았습니다.</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="801"/>
        <source>Some paths were not catalogued</source>
        <translation>일부 경로는 등록되지 않았습니다</translation>
    </message>
    <message>
        <location filename="../../forensics_app/ui/item_dialog.py" line="802"/>
        <source>%1 file(s) were added to %2; %3 path(s) were skipped.</source>
        <translation>%2에 파일 %1개를 추가했고, 경로 %3개는 건너뛰었습니다.</translation>
    </message>
</context>
</TS>
