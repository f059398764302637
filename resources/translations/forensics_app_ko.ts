<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>AddFilesDialog</name>
    <message>
        <source>Cancelled. Nothing was stored.</source>
        <translation>취소되었습니다. 아무것도 저장되지 않았습니다.</translation>
    </message>
    <message>
        <source>Add files to %1</source>
        <translation>%1에 파일 추가</translation>
    </message>
    <message>
        <source>Files are hashed (SHA-256 and MD5) and added to &lt;b&gt;%1&lt;/b&gt; (%2).</source>
        <translation>파일의 해시값(SHA-256, MD5)을 계산하여 &lt;b&gt;%1&lt;/b&gt;(%2)에 추가합니다.</translation>
    </message>
    <message>
        <source>Hash and add</source>
        <translation>해시 계산 후 추가</translation>
    </message>
    <message>
        <source>Hashing files for %1…</source>
        <translation>%1 파일 해시 계산 중…</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Forensics Workstation</source>
        <translation>디지털 포렌식 워크스테이션</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>데이터베이스를 열 수 없습니다</translation>
    </message>
    <message>
        <source>The workstation cannot open its database.</source>
        <translation>워크스테이션이 데이터베이스를 열지 못했습니다.</translation>
    </message>
    <message>
        <source>Log file: {path}</source>
        <translation>로그 파일: {path}</translation>
    </message>
</context>
<context>
    <name>AppliedModel</name>
    <message>
        <source>Row</source>
        <translation>행</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>요청번호</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>전화번호</translation>
    </message>
    <message>
        <source>From</source>
        <translation>이전 상태</translation>
    </message>
    <message>
        <source>To</source>
        <translation>변경 상태</translation>
    </message>
</context>
<context>
    <name>ArtifactDetail</name>
    <message>
        <source>Record as sighting</source>
        <translation>목격으로 기록</translation>
    </message>
    <message>
        <source>Record the chosen number in this artifact as a sighting: block requests can then cite it as evidence. Audited.</source>
        <translation>이 항목에서 선택한 번호를 목격으로 기록합니다. 이용중지 요청의 증거로 쓸 수 있으며 감사 기록에 남습니다.</translation>
    </message>
    <message>
        <source>New tag</source>
        <translation>새 태그</translation>
    </message>
    <message>
        <source>Add tag</source>
        <translation>태그 추가</translation>
    </message>
    <message>
        <source>Double-click a tag to remove it (audited).</source>
        <translation>태그를 두 번 누르면 삭제합니다(감사 기록).</translation>
    </message>
    <message>
        <source>A note on this artifact</source>
        <translation>이 항목에 대한 메모</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>메모 추가</translation>
    </message>
    <message>
        <source>Numbers in it</source>
        <translation>포함된 번호</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>태그</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>Reading the artifact…</source>
        <translation>항목을 읽는 중…</translation>
    </message>
    <message>
        <source>Choose a message, call or contact.</source>
        <translation>메시지, 통화 또는 연락처를 선택하세요.</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>휴대전화</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>Time in UTC</source>
        <translation>UTC 시각</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>방향</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>서비스</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>대화방</translation>
    </message>
    <message>
        <source>Group members</source>
        <translation>단체방 참여자</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>첨부</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>유형</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>통화 시간</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Organisation and notes</source>
        <translation>소속 및 메모</translation>
    </message>
    <message>
        <source>Number as written</source>
        <translation>기록된 번호</translation>
    </message>
    <message>
        <source>Number (E.164)</source>
        <translation>번호(E.164)</translation>
    </message>
    <message>
        <source>Address kind</source>
        <translation>주소 종류</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>marked deleted on the device</source>
        <translation>기기에서 삭제 표시됨</translation>
    </message>
    <message>
        <source>Reading note</source>
        <translation>판독 메모</translation>
    </message>
    <message>
        <source>Source file</source>
        <translation>원본 파일</translation>
    </message>
    <message>
        <source>Source SHA-256</source>
        <translation>원본 SHA-256</translation>
    </message>
    <message>
        <source>Parser</source>
        <translation>파서</translation>
    </message>
    <message>
        <source>Table and row</source>
        <translation>테이블과 행</translation>
    </message>
    <message>
        <source>Raw time</source>
        <translation>원래 시각 값</translation>
    </message>
    <message>
        <source>Reading its numbers, tags and notes…</source>
        <translation>번호, 태그, 메모를 읽는 중…</translation>
    </message>
    <message>
        <source>Adding a tag</source>
        <translation>태그 추가 중</translation>
    </message>
    <message>
        <source>Removing a tag</source>
        <translation>태그 삭제 중</translation>
    </message>
    <message>
        <source>Adding a note</source>
        <translation>메모 추가 중</translation>
    </message>
    <message>
        <source>Recording a sighting</source>
        <translation>목격 기록 중</translation>
    </message>
</context>
<context>
    <name>BackupPasswordDialog</name>
    <message>
        <source>Encrypted backup</source>
        <translation>암호화된 백업</translation>
    </message>
    <message>
        <source>The backup {backup} is encrypted. Enter the password that was set in iTunes or Finder. It is used for this import only and is not stored.</source>
        <translation>백업 {backup}은(는) 암호화되어 있습니다. iTunes나 Finder에서 설정한 암호를 입력하십시오. 이번 가져오기에만 쓰이며 저장되지 않습니다.</translation>
    </message>
    <message>
        <source>That password does not open the backup. Try again.</source>
        <translation>그 암호로는 백업을 열 수 없습니다. 다시 입력하십시오.</translation>
    </message>
    <message>
        <source>Backup password</source>
        <translation>백업 암호</translation>
    </message>
</context>
<context>
    <name>BlockingArea</name>
    <message>
        <source>Request queue</source>
        <translation>요청 대기열</translation>
    </message>
    <message>
        <source>Watch list</source>
        <translation>감시 목록</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>전화번호</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>현황</translation>
    </message>
    <message>
        <source>Block-request toolbar</source>
        <translation>차단 요청 도구 모음</translation>
    </message>
    <message>
        <source>Queue blockable numbers…</source>
        <translation>차단 대상 번호 일괄 등록…</translation>
    </message>
    <message>
        <source>Draft a request for every number that is due one</source>
        <translation>요청이 필요한 모든 번호에 대해 이용중지 요청을 작성합니다</translation>
    </message>
    <message>
        <source>Submit for approval</source>
        <translation>승인 요청</translation>
    </message>
    <message>
        <source>Submit the selected drafts for approval</source>
        <translation>선택한 작성 중 요청을 승인 요청합니다</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>승인</translation>
    </message>
    <message>
        <source>Approve the selected requests (reviewers; never one&apos;s own drafts)</source>
        <translation>선택한 요청을 승인합니다 (검토관 이상, 본인이 작성한 요청은 승인 불가)</translation>
    </message>
    <message>
        <source>Export package…</source>
        <translation>제출 패키지 내보내기…</translation>
    </message>
    <message>
        <source>Write a submission package for the selected approved requests</source>
        <translation>선택한 승인 완료 요청의 제출 패키지를 만듭니다</translation>
    </message>
    <message>
        <source>Import responses…</source>
        <translation>회신 가져오기…</translation>
    </message>
    <message>
        <source>Read an answer file from the ministry or the carriers</source>
        <translation>과학기술정보통신부 또는 통신사의 회신 파일을 읽어 들입니다</translation>
    </message>
    <message>
        <source>Expire suspensions</source>
        <translation>기간 만료 처리</translation>
    </message>
    <message>
        <source>Close the suspensions whose last day has passed</source>
        <translation>이용중지 기간이 끝난 요청을 만료 처리합니다</translation>
    </message>
    <message>
        <source>Add sighting…</source>
        <translation>발견 내역 추가…</translation>
    </message>
    <message>
        <source>Record a number seen on a flyer, typed in by hand</source>
        <translation>전단지에서 발견한 번호를 직접 입력하여 등록합니다</translation>
    </message>
    <message>
        <source>Reading examiners</source>
        <translation>분석관 목록 읽는 중</translation>
    </message>
</context>
<context>
    <name>BlockingLabels</name>
    <message>
        <source>Draft</source>
        <translation>작성 중</translation>
    </message>
    <message>
        <source>Awaiting approval</source>
        <translation>승인 대기</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>승인 완료</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>제출 완료</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>이용중지</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>반려</translation>
    </message>
    <message>
        <source>Objection filed</source>
        <translation>이의신청 접수</translation>
    </message>
    <message>
        <source>Objection upheld</source>
        <translation>이의신청 인용</translation>
    </message>
    <message>
        <source>Objection denied</source>
        <translation>이의신청 기각</translation>
    </message>
    <message>
        <source>Lift requested</source>
        <translation>해제 요청</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>해제(이용 재개)</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>기간 만료</translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation>해지</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>철회</translation>
    </message>
    <message>
        <source>Illegal lending</source>
        <translation>불법 대부</translation>
    </message>
    <message>
        <source>Obscene / adult</source>
        <translation>음란·청소년유해</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>기타</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>휴대전화</translation>
    </message>
    <message>
        <source>Internet phone (070)</source>
        <translation>인터넷전화(070)</translation>
    </message>
    <message>
        <source>Personal number (050x)</source>
        <translation>안심번호(050x)</translation>
    </message>
    <message>
        <source>Business number (15xx/16xx/18xx)</source>
        <translation>대표번호(15xx/16xx/18xx)</translation>
    </message>
    <message>
        <source>Landline</source>
        <translation>유선전화</translation>
    </message>
    <message>
        <source>Toll-free (080)</source>
        <translation>수신자부담(080)</translation>
    </message>
    <message>
        <source>Premium rate (060)</source>
        <translation>정보이용료(060)</translation>
    </message>
    <message>
        <source>Flyer photo</source>
        <translation>전단지 사진</translation>
    </message>
    <message>
        <source>Device artifact</source>
        <translation>기기 추출 자료</translation>
    </message>
    <message>
        <source>Manual entry</source>
        <translation>직접 입력</translation>
    </message>
    <message>
        <source>CP949/EUC-KR (Korean Windows)</source>
        <translation>CP949/EUC-KR (한글 Windows)</translation>
    </message>
    <message>
        <source>Excel workbook (XLSX)</source>
        <translation>Excel 통합 문서(XLSX)</translation>
    </message>
    <message>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <source>UTF-8 (BOM)</source>
        <translation>UTF-8 (BOM)</translation>
    </message>
    <message>
        <source>UTF-16</source>
        <translation>UTF-16</translation>
    </message>
    <message>
        <source>Examiner</source>
        <translation>분석관</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>검토관</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>관리자</translation>
    </message>
</context>
<context>
    <name>BubbleDelegate</name>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <source>New case</source>
        <translation>새 사건</translation>
    </message>
    <message>
        <source>Edit case {number}</source>
        <translation>사건 {number} 수정</translation>
    </message>
    <message>
        <source>automatic ({example})</source>
        <translation>자동 부여 (예: {example})</translation>
    </message>
    <message>
        <source>e.g. Illegal flyers, Gangnam station area</source>
        <translation>예: 강남역 일대 불법 전단지</translation>
    </message>
    <message>
        <source>Illegal advertising (flyers)</source>
        <translation>불법 광고물(전단지)</translation>
    </message>
    <message>
        <source>Illegal prostitution advertising</source>
        <translation>성매매 알선 광고</translation>
    </message>
    <message>
        <source>Voice phishing</source>
        <translation>보이스피싱</translation>
    </message>
    <message>
        <source>Fraud</source>
        <translation>사기</translation>
    </message>
    <message>
        <source>Illegal gambling</source>
        <translation>불법 도박</translation>
    </message>
    <message>
        <source>Drugs</source>
        <translation>마약류</translation>
    </message>
    <message>
        <source>Digital sex crime</source>
        <translation>디지털 성범죄</translation>
    </message>
    <message>
        <source>Theft</source>
        <translation>절도</translation>
    </message>
    <message>
        <source>Case number:</source>
        <translation>사건번호:</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>사건명:</translation>
    </message>
    <message>
        <source>Offence:</source>
        <translation>죄명:</translation>
    </message>
    <message>
        <source>Lead examiner:</source>
        <translation>주무 분석관:</translation>
    </message>
    <message>
        <source>Opened on:</source>
        <translation>접수일:</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>비고:</translation>
    </message>
    <message>
        <source>Create case</source>
        <translation>사건 생성</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <source>A case needs a title.</source>
        <translation>사건명을 입력하십시오.</translation>
    </message>
    <message>
        <source>A case needs a number.</source>
        <translation>사건번호를 입력하십시오.</translation>
    </message>
</context>
<context>
    <name>CaseListModel</name>
    <message>
        <source>Number</source>
        <translation>사건번호</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>사건명</translation>
    </message>
    <message>
        <source>Offence</source>
        <translation>죄명</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>증거물</translation>
    </message>
    <message>
        <source>Lead examiner</source>
        <translation>주무 분석관</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>접수일</translation>
    </message>
</context>
<context>
    <name>CaseNavigator</name>
    <message>
        <source>Cases</source>
        <translation>사건 목록</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>새 사건</translation>
    </message>
    <message>
        <source>Search cases (Ctrl+F)</source>
        <translation>사건 검색 (Ctrl+F)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>전체</translation>
    </message>
    <message>
        <source>%1 case</source>
        <translation>사건 %1건</translation>
    </message>
    <message>
        <source>%1 cases</source>
        <translation>사건 %1건</translation>
    </message>
    <message>
        <source>%2 of %1 case</source>
        <translation>사건 %1건 중 %2건</translation>
    </message>
    <message>
        <source>%2 of %1 cases</source>
        <translation>사건 %1건 중 %2건</translation>
    </message>
</context>
<context>
    <name>CaseStatus</name>
    <message>
        <source>Open</source>
        <translation>진행 중</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>종결</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>보존(아카이브)</translation>
    </message>
</context>
<context>
    <name>CctvImportDialog</name>
    <message>
        <source>Import a CCTV export</source>
        <translation>CCTV 내보내기 가져오기</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>폴더 추가…</translation>
    </message>
    <message>
        <source>Add clips…</source>
        <translation>영상 추가…</translation>
    </message>
    <message>
        <source>New recorder item</source>
        <translation>새 녹화기 증거물</translation>
    </message>
    <message>
        <source>e.g. NVR at the shop entrance, 8 ch</source>
        <translation>예: 가게 입구 NVR, 8채널</translation>
    </message>
    <message>
        <source>Read the on-screen clock (OCR)</source>
        <translation>화면 시계 판독(OCR)</translation>
    </message>
    <message>
        <source>Recorder</source>
        <translation>녹화기</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>Export folders and files (any format: read by content)</source>
        <translation>내보내기 폴더와 파일 (형식 무관: 내용으로 판별)</translation>
    </message>
    <message>
        <source>Import, hash and analyse</source>
        <translation>가져오기, 해시, 분석</translation>
    </message>
    <message>
        <source>Add the export folder (or clips) first.</source>
        <translation>먼저 내보내기 폴더(또는 영상)를 추가하세요.</translation>
    </message>
    <message>
        <source>Cancelled. The files hashed and the clips analysed so far are kept: import the folder again to go on.</source>
        <translation>취소했습니다. 지금까지 해시를 계산한 파일과 분석한 영상은 보존됩니다. 같은 폴더를 다시 가져오면 이어서 진행합니다.</translation>
    </message>
    <message>
        <source>Importing the CCTV export…</source>
        <translation>CCTV 내보내기를 가져오는 중…</translation>
    </message>
</context>
<context>
    <name>CctvLabels</name>
    <message>
        <source>OK</source>
        <translation>정상</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>문제 있음</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>Needs the maker&apos;s player</source>
        <translation>제조사 플레이어 필요</translation>
    </message>
    <message>
        <source>Not a video</source>
        <translation>영상 아님</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>파일 이름</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>컨테이너</translation>
    </message>
    <message>
        <source>On-screen clock</source>
        <translation>화면 시계(OSD)</translation>
    </message>
    <message>
        <source>the recorder&apos;s clock was %1 s fast</source>
        <translation>녹화기 시계가 %1초 빨랐음</translation>
    </message>
    <message>
        <source>the recorder&apos;s clock was %1 s slow</source>
        <translation>녹화기 시계가 %1초 느렸음</translation>
    </message>
    <message>
        <source>the recorder&apos;s clock was right</source>
        <translation>녹화기 시계가 정확했음</translation>
    </message>
    <message>
        <source>read</source>
        <translation>판독됨</translation>
    </message>
    <message>
        <source>jumps</source>
        <translation>시간 튐</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>판독 불가</translation>
    </message>
    <message>
        <source>not read</source>
        <translation>판독 안 함</translation>
    </message>
</context>
<context>
    <name>CctvPane</name>
    <message>
        <source>The case&apos;s CCTV recorders (evidence items)</source>
        <translation>사건의 CCTV 녹화기(증거물)</translation>
    </message>
    <message>
        <source>Import CCTV export…</source>
        <translation>CCTV 내보내기 가져오기…</translation>
    </message>
    <message>
        <source>Record clock offset…</source>
        <translation>시계 오차 기록…</translation>
    </message>
    <message>
        <source>The recorder&apos;s shown time against a reference clock, noted at seizure</source>
        <translation>압수 시 기록한 녹화기 표시 시각과 기준 시계 시각</translation>
    </message>
    <message>
        <source>Time source…</source>
        <translation>시간 기준…</translation>
    </message>
    <message>
        <source>Which clock places the clips on the timeline</source>
        <translation>타임라인에 영상을 놓을 때 쓰는 시계</translation>
    </message>
    <message>
        <source>Clock region…</source>
        <translation>시계 영역…</translation>
    </message>
    <message>
        <source>Draw where the selected clip&apos;s camera shows its clock</source>
        <translation>선택한 영상의 카메라가 시계를 표시하는 위치를 지정</translation>
    </message>
    <message>
        <source>Contact sheet</source>
        <translation>접촉 인화(콘택트 시트)</translation>
    </message>
    <message>
        <source>Player</source>
        <translation>플레이어</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>상세</translation>
    </message>
    <message>
        <source>Recorder</source>
        <translation>녹화기</translation>
    </message>
    <message>
        <source>%1 files</source>
        <translation>파일 %1개</translation>
    </message>
    <message>
        <source>%1 file</source>
        <translation>파일 %1개</translation>
    </message>
    <message>
        <source>Loading the recorder&apos;s clips…</source>
        <translation>녹화기의 클립을 읽는 중…</translation>
    </message>
    <message>
        <source>Reading the recorder&apos;s clips</source>
        <translation>녹화기의 클립 읽기</translation>
    </message>
    <message>
        <source>Reading thumbnails</source>
        <translation>미리보기 이미지 읽는 중</translation>
    </message>
    <message>
        <source>No case is open.</source>
        <translation>열린 사건이 없습니다.</translation>
    </message>
    <message>
        <source>No CCTV recorder yet. Import an export folder, or drop it here.</source>
        <translation>아직 CCTV 녹화기가 없습니다. 내보내기 폴더를 가져오거나 여기에 끌어 놓으세요.</translation>
    </message>
    <message>
        <source>Recorder clock offset: not recorded — no corrected times yet.</source>
        <translation>녹화기 시계 오차: 기록 안 됨 — 아직 보정 시각이 없습니다.</translation>
    </message>
    <message>
        <source>Recorder clock offset: %1 s (%2), recorded by %3</source>
        <translation>녹화기 시계 오차: %1초 (%2), 기록자 %3</translation>
    </message>
    <message>
        <source>Time source: not chosen (each clip uses its best clock, named).</source>
        <translation>시간 기준: 선택 안 됨 (각 영상이 가장 나은 시계를 쓰며, 어떤 시계인지 표시합니다).</translation>
    </message>
    <message>
        <source>Time source: %1, chosen by %2</source>
        <translation>시간 기준: %1, 선택자 %2</translation>
    </message>
    <message>
        <source>%1 clips whose clocks disagree (highlighted).</source>
        <translation>시계가 서로 다른 영상 %1개 (강조 표시).</translation>
    </message>
    <message>
        <source>Open a case that is not closed first.</source>
        <translation>먼저 종결되지 않은 사건을 여세요.</translation>
    </message>
    <message>
        <source>%1 files catalogued, %2 clips analysed; %3 with problems (see Status).</source>
        <translation>파일 %1개 등록, 영상 %2개 분석; %3개에 문제가 있습니다 (상태 참조).</translation>
    </message>
    <message>
        <source>Cancelled: import the folder again to go on.</source>
        <translation>취소됨: 이어서 하려면 같은 폴더를 다시 가져오세요.</translation>
    </message>
    <message>
        <source>%1 catalogued files have changed on disk (see the details): verify the item.</source>
        <translation>등록된 파일 %1개가 디스크에서 바뀌었습니다(자세한 내용 참고): 항목을 검증하세요.</translation>
    </message>
    <message>
        <source>CCTV import</source>
        <translation>CCTV 가져오기</translation>
    </message>
    <message>
        <source>Recording the clock offset…</source>
        <translation>시계 오차를 기록하는 중…</translation>
    </message>
    <message>
        <source>Choosing the time source…</source>
        <translation>시간 기준을 정하는 중…</translation>
    </message>
    <message>
        <source>Choose a clip of the camera first.</source>
        <translation>먼저 해당 카메라의 영상을 선택하세요.</translation>
    </message>
    <message>
        <source>Reading the camera&apos;s clock again…</source>
        <translation>카메라 시계를 다시 판독하는 중…</translation>
    </message>
    <message>
        <source>Making the contact sheet…</source>
        <translation>접촉 인화를 만드는 중…</translation>
    </message>
    <message>
        <source>Import a recorder&apos;s export first.</source>
        <translation>먼저 녹화기 내보내기를 가져오세요.</translation>
    </message>
    <message>
        <source>CCTV</source>
        <translation>CCTV</translation>
    </message>
    <message>
        <source>%1 %2, %3 frames at %4</source>
        <translation>%1 %2, %3프레임, 초당 %4</translation>
    </message>
    <message>
        <source>Name convention: %1</source>
        <translation>파일 이름 규칙: %1</translation>
    </message>
    <message>
        <source>The clocks disagree:</source>
        <translation>시계가 서로 다릅니다:</translation>
    </message>
    <message>
        <source>On-screen clock: %1</source>
        <translation>화면 시계: %1</translation>
    </message>
    <message>
        <source>Corrected time: %1</source>
        <translation>보정 시각: %1</translation>
    </message>
    <message>
        <source>Problems:</source>
        <translation>문제:</translation>
    </message>
</context>
<context>
    <name>ClipPlayer</name>
    <message>
        <source>Play</source>
        <translation>재생</translation>
    </message>
    <message>
        <source>◀ Frame</source>
        <translation>◀ 프레임</translation>
    </message>
    <message>
        <source>Frame ▶</source>
        <translation>프레임 ▶</translation>
    </message>
    <message>
        <source>Previous frame (Left arrow)</source>
        <translation>이전 프레임 (왼쪽 화살표)</translation>
    </message>
    <message>
        <source>Next frame (Right arrow)</source>
        <translation>다음 프레임 (오른쪽 화살표)</translation>
    </message>
    <message>
        <source>Export still…</source>
        <translation>정지 화면 내보내기…</translation>
    </message>
    <message>
        <source>Save this frame as PNG with its times, frame number and the clip&apos;s hash</source>
        <translation>이 프레임을 시각, 프레임 번호, 영상 해시와 함께 PNG로 저장</translation>
    </message>
    <message>
        <source>Frame</source>
        <translation>프레임</translation>
    </message>
    <message>
        <source>Name says</source>
        <translation>파일 이름 시각</translation>
    </message>
    <message>
        <source>Container says</source>
        <translation>컨테이너 시각</translation>
    </message>
    <message>
        <source>On-screen clock</source>
        <translation>화면 시계</translation>
    </message>
    <message>
        <source>Corrected</source>
        <translation>보정 시각</translation>
    </message>
    <message>
        <source>Choose a clip.</source>
        <translation>영상을 선택하세요.</translation>
    </message>
    <message>
        <source>This file cannot be shown here.</source>
        <translation>이 파일은 여기서 볼 수 없습니다.</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>여는 중…</translation>
    </message>
    <message>
        <source>Opening the clip…</source>
        <translation>영상을 여는 중…</translation>
    </message>
    <message>
        <source>Frame %1 cannot be decoded: %2</source>
        <translation>프레임 %1을(를) 디코딩할 수 없습니다: %2</translation>
    </message>
    <message>
        <source>%1 of %2 · %3 s</source>
        <translation>%2 중 %1 · %3초</translation>
    </message>
    <message>
        <source>≈ %1 (fitted to the frames read)</source>
        <translation>≈ %1 (판독한 프레임으로 추정)</translation>
    </message>
    <message>
        <source>not read</source>
        <translation>판독 안 함</translation>
    </message>
    <message>
        <source>no recorder clock offset recorded</source>
        <translation>녹화기 시계 오차가 기록되지 않음</translation>
    </message>
    <message>
        <source>(by the %1)</source>
        <translation>(%1 기준)</translation>
    </message>
    <message>
        <source>Export still</source>
        <translation>정지 화면 내보내기</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <source>Exporting the still…</source>
        <translation>정지 화면을 내보내는 중…</translation>
    </message>
    <message>
        <source>Frame %1 saved to %2 and recorded in the custody log.</source>
        <translation>프레임 %1을(를) %2에 저장하고 보관 기록에 남겼습니다.</translation>
    </message>
    <message>
        <source>Clip player</source>
        <translation>영상 플레이어</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시정지</translation>
    </message>
</context>
<context>
    <name>ClipTableModel</name>
    <message>
        <source>unknown channel</source>
        <translation>채널 미상</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>카메라</translation>
    </message>
    <message>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>형식</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>길이</translation>
    </message>
    <message>
        <source>Name says</source>
        <translation>파일 이름 시각</translation>
    </message>
    <message>
        <source>Container says</source>
        <translation>컨테이너 시각</translation>
    </message>
    <message>
        <source>On-screen clock</source>
        <translation>화면 시계</translation>
    </message>
    <message>
        <source>Corrected (local)</source>
        <translation>보정 시각 (현지)</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>기준</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>The clocks disagree:</source>
        <translation>시계가 서로 다릅니다:</translation>
    </message>
</context>
<context>
    <name>CollectedAtDialog</name>
    <message>
        <source>When were the flyers of %1 collected?</source>
        <translation>%1의 전단지는 언제 수거했습니까?</translation>
    </message>
    <message>
        <source>Known</source>
        <translation>알고 있음</translation>
    </message>
    <message>
        <source>Photos of this batch without a camera time are dated with it; their numbers are then recorded as sightings. The change is kept in the custody log.</source>
        <translation>이 묶음에서 촬영 시각이 없는 사진에 이 일시가 적용되고, 그 번호가 발견 기록으로 등록됩니다. 변경 내용은 관리 이력(CoC)에 남습니다.</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>묶음</translation>
    </message>
    <message>
        <source>Collected on</source>
        <translation>수거 일시</translation>
    </message>
    <message>
        <source>Dating the photos…</source>
        <translation>사진 일시 지정 중…</translation>
    </message>
</context>
<context>
    <name>ColumnTableModel</name>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <source>Cannot sort by this column</source>
        <translation>이 열로는 정렬할 수 없습니다</translation>
    </message>
</context>
<context>
    <name>CorrectDialog</name>
    <message>
        <source>Correct the number</source>
        <translation>번호 수정</translation>
    </message>
    <message>
        <source>Read as</source>
        <translation>인식 결과</translation>
    </message>
    <message>
        <source>OCR number</source>
        <translation>OCR 인식 번호</translation>
    </message>
    <message>
        <source>Right number</source>
        <translation>올바른 번호</translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <source>Unexpected error</source>
        <translation>예기치 않은 오류</translation>
    </message>
    <message>
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
        <source>Catalogued</source>
        <translation>등록</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>수정</translation>
    </message>
    <message>
        <source>Status changed</source>
        <translation>상태 변경</translation>
    </message>
    <message>
        <source>Hashed</source>
        <translation>해시 계산</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>검증</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>가져오기</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>Handed over</source>
        <translation>인계</translation>
    </message>
    <message>
        <source>Examiner account</source>
        <translation>분석관 계정</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>로그인</translation>
    </message>
    <message>
        <source>Analysed</source>
        <translation>분석</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>판독 검토</translation>
    </message>
    <message>
        <source>Exhibit no.</source>
        <translation>증거물 번호</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>Make</source>
        <translation>제조사</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>Serial no.</source>
        <translation>일련번호</translation>
    </message>
    <message>
        <source>IMEI</source>
        <translation>IMEI</translation>
    </message>
    <message>
        <source>Seized from</source>
        <translation>압수 대상</translation>
    </message>
    <message>
        <source>Seized at (place)</source>
        <translation>압수 장소</translation>
    </message>
    <message>
        <source>Seized on</source>
        <translation>압수 일시</translation>
    </message>
    <message>
        <source>Seized by</source>
        <translation>압수자</translation>
    </message>
    <message>
        <source>Stored at</source>
        <translation>보관 장소</translation>
    </message>
    <message>
        <source>Inside item (id)</source>
        <translation>상위 증거물 (ID)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Custodian</source>
        <translation>보관 책임자</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>경로</translation>
    </message>
    <message>
        <source>Size (bytes)</source>
        <translation>크기(바이트)</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>MD5</source>
        <translation>MD5</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>결과</translation>
    </message>
</context>
<context>
    <name>CustodyLogView</name>
    <message>
        <source>Whole case</source>
        <translation>사건 전체</translation>
    </message>
    <message>
        <source>Show the entries of the whole case</source>
        <translation>사건 전체의 기록을 표시합니다</translation>
    </message>
    <message>
        <source>Filter entries…</source>
        <translation>기록 필터…</translation>
    </message>
    <message>
        <source>Select an entry to see its details.</source>
        <translation>기록을 선택하면 상세 내용이 표시됩니다.</translation>
    </message>
    <message>
        <source>Custody log</source>
        <translation>관리연속성 로그</translation>
    </message>
    <message>
        <source>Custody log of item %1</source>
        <translation>증거물 %1의 관리연속성 로그</translation>
    </message>
    <message>
        <source>Custody log of case %1</source>
        <translation>사건 %1의 관리연속성 로그</translation>
    </message>
    <message>
        <source>Custody log — cannot be read: %1</source>
        <translation>관리연속성 로그 — 읽을 수 없음: %1</translation>
    </message>
    <message>
        <source>newest %1 entries</source>
        <translation>최근 기록 %1건</translation>
    </message>
    <message>
        <source>%1 entries</source>
        <translation>기록 %1건</translation>
    </message>
    <message>
        <source>%1 entry</source>
        <translation>기록 %1건</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%2건 중 %1건</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>항목</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>변경 전</translation>
    </message>
    <message>
        <source>After</source>
        <translation>변경 후</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>기록</translation>
    </message>
    <message>
        <source>Examiner</source>
        <translation>분석관</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>시각(UTC)</translation>
    </message>
    <message>
        <source>Workstation time</source>
        <translation>워크스테이션 시각</translation>
    </message>
    <message>
        <source>Entry hash</source>
        <translation>기록 해시</translation>
    </message>
</context>
<context>
    <name>CustodyTableModel</name>
    <message>
        <source>Seq</source>
        <translation>순번</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>시각(UTC)</translation>
    </message>
    <message>
        <source>Workstation time</source>
        <translation>워크스테이션 시각</translation>
    </message>
    <message>
        <source>Examiner</source>
        <translation>분석관</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>작업</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>요약</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Last %1 weeks</source>
        <translation>최근 %1주</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>새로 고침</translation>
    </message>
    <message>
        <source>No requests yet</source>
        <translation>아직 요청이 없습니다</translation>
    </message>
    <message>
        <source>Nothing happened in these weeks</source>
        <translation>이 기간에 처리된 내역이 없습니다</translation>
    </message>
    <message>
        <source>Requests by state</source>
        <translation>상태별 요청 건수</translation>
    </message>
    <message>
        <source>Requests per week (Korean calendar weeks, from Monday)</source>
        <translation>주별 요청 건수 (월요일 시작, 한국 시간 기준)</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>작성</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>제출</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>이용중지</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>종결</translation>
    </message>
    <message>
        <source>Counting requests…</source>
        <translation>요청 건수 집계 중…</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>요청 건수</translation>
    </message>
    <message>
        <source>%1 requests in all</source>
        <translation>전체 요청 %1건</translation>
    </message>
</context>
<context>
    <name>DeviceDataArea</name>
    <message>
        <source>Import device data…</source>
        <translation>기기 데이터 가져오기…</translation>
    </message>
    <message>
        <source>Import a phone&apos;s databases (mmssms.db, calllog.db, contacts2.db, sms.db, CallHistory.storedata, AddressBook.sqlitedb, chat.db) or a whole extraction folder. The evidence is copied and hashed, never changed.</source>
        <translation>휴대전화 데이터베이스(mmssms.db, calllog.db, contacts2.db, sms.db, CallHistory.storedata, AddressBook.sqlitedb, chat.db)나 추출 폴더 전체를 가져옵니다. 증거는 복사하고 해시하며 절대 바꾸지 않습니다.</translation>
    </message>
    <message>
        <source>Search text (Korean substrings too: 대출)</source>
        <translation>내용 검색(한글 부분 문자열도: 대출)</translation>
    </message>
    <message>
        <source>Number, however written</source>
        <translation>번호(어떤 형식이든)</translation>
    </message>
    <message>
        <source>From</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>To</source>
        <translation>끝</translation>
    </message>
    <message>
        <source>The time range is in the workstation&apos;s time zone (%1).</source>
        <translation>기간은 워크스테이션 시간대(%1) 기준입니다.</translation>
    </message>
    <message>
        <source>Both directions</source>
        <translation>양방향</translation>
    </message>
    <message>
        <source>Count all</source>
        <translation>전체 개수 세기</translation>
    </message>
    <message>
        <source>Reading the list</source>
        <translation>목록 읽는 중</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>대화</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>통화</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>연락처</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>타임라인</translation>
    </message>
    <message>
        <source>Flyer numbers on the phones</source>
        <translation>휴대전화에 있는 전단지 번호</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>휴대전화:</translation>
    </message>
    <message>
        <source>Reading the phones…</source>
        <translation>휴대폰 목록을 읽는 중…</translation>
    </message>
    <message>
        <source>Reading the phones</source>
        <translation>휴대폰 목록 읽는 중</translation>
    </message>
    <message>
        <source>All phones of the case</source>
        <translation>사건의 모든 휴대전화</translation>
    </message>
    <message>
        <source>%1: %2 messages, %3 calls, %4 contacts</source>
        <translation>%1: 메시지 %2건, 통화 %3건, 연락처 %4건</translation>
    </message>
    <message>
        <source>Reading the flyer numbers</source>
        <translation>전단지 번호 읽는 중</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>모든 태그</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>모든 유형</translation>
    </message>
    <message>
        <source>Counting</source>
        <translation>세는 중</translation>
    </message>
    <message>
        <source>No case is open.</source>
        <translation>열린 사건이 없습니다.</translation>
    </message>
    <message>
        <source>No phone data in this case yet. Click “Import device data…”.</source>
        <translation>이 사건에는 아직 휴대전화 데이터가 없습니다. “기기 데이터 가져오기…”를 누르십시오.</translation>
    </message>
    <message>
        <source>Nothing matches the search and filters.</source>
        <translation>검색어와 필터에 맞는 항목이 없습니다.</translation>
    </message>
    <message>
        <source>None on the phones of this case.</source>
        <translation>이 사건의 휴대전화에는 해당 항목이 없습니다.</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>세는 중…</translation>
    </message>
    <message>
        <source>Reading the conversations…</source>
        <translation>대화 목록을 읽는 중…</translation>
    </message>
    <message>
        <source>Choose a conversation to read its messages.</source>
        <translation>메시지를 읽을 대화를 고르십시오.</translation>
    </message>
    <message>
        <source>Reading the flyer numbers…</source>
        <translation>전단지 번호를 읽는 중…</translation>
    </message>
    <message>
        <source>None of the numbers on the phones is in the flyer registry. Numbers enter it when flyer photos are read (with the time they were collected) and when sightings are recorded.</source>
        <translation>휴대전화의 번호 중 전단지 번호 목록에 있는 번호가 없습니다. 번호는 전단지 사진을 판독할 때(수거 시각이 있을 때)와 발견 내역을 기록할 때 목록에 들어갑니다.</translation>
    </message>
    <message>
        <source>More than %1 messages match: every conversation is listed, whole. Narrow the search to list only the conversations with a match.</source>
        <translation>일치하는 메시지가 %1건을 넘어 모든 대화를 전체 그대로 보여 줍니다. 일치하는 대화만 보려면 검색 조건을 좁히십시오.</translation>
    </message>
    <message>
        <source>Only the conversations with a match, and in them only the matches.</source>
        <translation>일치하는 메시지가 있는 대화만, 그 안에서도 일치하는 메시지만 보여 줍니다.</translation>
    </message>
    <message>
        <source>Reading the conversations</source>
        <translation>대화 목록 읽는 중</translation>
    </message>
    <message>
        <source>More than %1 found</source>
        <translation>%1건 초과</translation>
    </message>
    <message>
        <source>%1 found</source>
        <translation>%1건</translation>
    </message>
    <message>
        <source>Loading the conversation…</source>
        <translation>대화를 불러오는 중…</translation>
    </message>
    <message>
        <source>Reading the conversation</source>
        <translation>대화 읽는 중</translation>
    </message>
    <message>
        <source>Reading older messages</source>
        <translation>이전 메시지 읽기</translation>
    </message>
    <message>
        <source>Reading the artifact</source>
        <translation>항목 읽는 중</translation>
    </message>
    <message>
        <source>Import device databases</source>
        <translation>기기 데이터베이스 가져오기</translation>
    </message>
    <message>
        <source>Import an extraction folder</source>
        <translation>추출 폴더 가져오기</translation>
    </message>
    <message>
        <source>Importing device data</source>
        <translation>기기 데이터를 가져오는 중</translation>
    </message>
    <message>
        <source>%1: %2 messages, %3 calls, %4 contacts imported.</source>
        <translation>%1: 메시지 %2건, 통화 %3건, 연락처 %4건을 가져왔습니다.</translation>
    </message>
    <message>
        <source>Device data</source>
        <translation>기기 데이터</translation>
    </message>
</context>
<context>
    <name>DeviceLabels</name>
    <message>
        <source>Message</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>통화</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>연락처</translation>
    </message>
    <message>
        <source>Flyer sighting</source>
        <translation>전단지 목격</translation>
    </message>
    <message>
        <source>CCTV clip</source>
        <translation>CCTV 영상</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>수신</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>발신</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>알 수 없음</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>받음</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>보냄</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>임시 저장</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>보낼 편지함</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>문자(SMS)</translation>
    </message>
    <message>
        <source>MMS</source>
        <translation>멀티미디어 문자(MMS)</translation>
    </message>
    <message>
        <source>iMessage</source>
        <translation>iMessage</translation>
    </message>
    <message>
        <source>RCS</source>
        <translation>RCS</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>기타</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>전화</translation>
    </message>
    <message>
        <source>FaceTime audio</source>
        <translation>FaceTime 음성</translation>
    </message>
    <message>
        <source>FaceTime video</source>
        <translation>FaceTime 영상</translation>
    </message>
    <message>
        <source>App</source>
        <translation>앱</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>부재중</translation>
    </message>
    <message>
        <source>Voicemail</source>
        <translation>음성사서함</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>거절</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>차단</translation>
    </message>
    <message>
        <source>Answered elsewhere</source>
        <translation>다른 기기에서 받음</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>전화번호</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>이메일</translation>
    </message>
    <message>
        <source>Short code</source>
        <translation>특수번호</translation>
    </message>
    <message>
        <source>Sender name</source>
        <translation>발신자 이름</translation>
    </message>
    <message>
        <source>home</source>
        <translation>집</translation>
    </message>
    <message>
        <source>mobile</source>
        <translation>휴대전화 번호</translation>
    </message>
    <message>
        <source>work</source>
        <translation>직장</translation>
    </message>
    <message>
        <source>work fax</source>
        <translation>직장 팩스</translation>
    </message>
    <message>
        <source>home fax</source>
        <translation>집 팩스</translation>
    </message>
    <message>
        <source>pager</source>
        <translation>호출기</translation>
    </message>
    <message>
        <source>other</source>
        <translation>기타</translation>
    </message>
    <message>
        <source>callback</source>
        <translation>회신 번호</translation>
    </message>
    <message>
        <source>car</source>
        <translation>차량</translation>
    </message>
    <message>
        <source>company main</source>
        <translation>회사 대표 번호</translation>
    </message>
    <message>
        <source>ISDN</source>
        <translation>ISDN</translation>
    </message>
    <message>
        <source>main</source>
        <translation>대표 번호</translation>
    </message>
    <message>
        <source>other fax</source>
        <translation>기타 팩스</translation>
    </message>
    <message>
        <source>radio</source>
        <translation>무선</translation>
    </message>
    <message>
        <source>telex</source>
        <translation>텔렉스</translation>
    </message>
    <message>
        <source>TTY TDD</source>
        <translation>TTY/TDD</translation>
    </message>
    <message>
        <source>work mobile</source>
        <translation>직장 휴대전화 번호</translation>
    </message>
    <message>
        <source>work pager</source>
        <translation>직장 호출기</translation>
    </message>
    <message>
        <source>assistant</source>
        <translation>비서</translation>
    </message>
    <message>
        <source>custom</source>
        <translation>사용자 지정</translation>
    </message>
    <message>
        <source>nickname</source>
        <translation>별명</translation>
    </message>
    <message>
        <source>website</source>
        <translation>웹사이트</translation>
    </message>
    <message>
        <source>iPhone</source>
        <translation>iPhone</translation>
    </message>
    <message>
        <source>school</source>
        <translation>학교</translation>
    </message>
    <message>
        <source>home page</source>
        <translation>홈페이지</translation>
    </message>
    <message>
        <source>request drafted</source>
        <translation>요청 작성됨</translation>
    </message>
    <message>
        <source>awaiting approval</source>
        <translation>승인 대기</translation>
    </message>
    <message>
        <source>request approved</source>
        <translation>요청 승인됨</translation>
    </message>
    <message>
        <source>request submitted</source>
        <translation>요청 제출됨</translation>
    </message>
    <message>
        <source>suspended</source>
        <translation>이용중지됨</translation>
    </message>
    <message>
        <source>request rejected</source>
        <translation>요청 거부됨</translation>
    </message>
    <message>
        <source>objection filed</source>
        <translation>이의신청 접수</translation>
    </message>
    <message>
        <source>objection upheld</source>
        <translation>이의신청 인용</translation>
    </message>
    <message>
        <source>objection denied</source>
        <translation>이의신청 기각</translation>
    </message>
    <message>
        <source>lift requested</source>
        <translation>해제 요청됨</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>복구됨</translation>
    </message>
    <message>
        <source>terminated</source>
        <translation>해지됨</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>만료됨</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>철회됨</translation>
    </message>
    <message>
        <source>On %1 flyer(s)</source>
        <translation>전단지 %1장</translation>
    </message>
</context>
<context>
    <name>DeviceModels</name>
    <message>
        <source>Time</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>휴대전화</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>방향</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>유형</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>번호</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>대화방</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>내용</translation>
    </message>
    <message>
        <source>Flyer registry</source>
        <translation>전단지 번호 대장</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>태그</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>통화 시간</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>서비스</translation>
    </message>
    <message>
        <source>Numbers and e-mails</source>
        <translation>번호와 이메일</translation>
    </message>
    <message>
        <source>Organisation and notes</source>
        <translation>소속 및 메모</translation>
    </message>
    <message>
        <source>Raw value in the source: %1</source>
        <translation>원본의 값: %1</translation>
    </message>
    <message>
        <source>Messages outside any conversation</source>
        <translation>대화방에 속하지 않은 메시지</translation>
    </message>
    <message>
        <source>(no address)</source>
        <translation>(주소 없음)</translation>
    </message>
    <message>
        <source>%1 message</source>
        <translation>메시지 %1건</translation>
    </message>
    <message>
        <source>%1 messages</source>
        <translation>메시지 %1건</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>종료</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Phone or photo</source>
        <translation>휴대전화 또는 사진</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>요약</translation>
    </message>
</context>
<context>
    <name>DeviceXref</name>
    <message>
        <source>Illegal lending</source>
        <translation>불법 대부</translation>
    </message>
    <message>
        <source>Obscene / adult</source>
        <translation>음란·청소년 유해</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>기타</translation>
    </message>
    <message>
        <source>sender or recipient</source>
        <translation>발신자 또는 수신자</translation>
    </message>
    <message>
        <source>written in the text</source>
        <translation>본문에 적힘</translation>
    </message>
    <message>
        <source>group member</source>
        <translation>단체방 참여자</translation>
    </message>
    <message>
        <source>contact&apos;s number</source>
        <translation>연락처의 번호</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>번호</translation>
    </message>
    <message>
        <source>Flyer sightings</source>
        <translation>전단지 목격</translation>
    </message>
    <message>
        <source>Block request</source>
        <translation>이용중지 요청</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>휴대전화</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>통화</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>연락처</translation>
    </message>
    <message>
        <source>%1 from phones</source>
        <translation>휴대전화에서 %1건</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>사건</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>휴대전화</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>위치</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>방향</translation>
    </message>
    <message>
        <source>As written</source>
        <translation>기록된 형태</translation>
    </message>
    <message>
        <source>Text or name</source>
        <translation>내용 또는 이름</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>No cases yet</source>
        <translation>아직 등록된 사건이 없습니다</translation>
    </message>
    <message>
        <source>Every seized item, file hash and custody entry belongs to a case.
Create the first case to start cataloguing evidence.</source>
        <translation>모든 압수 증거물, 파일 해시, 관리연속성 기록은 사건 단위로 관리됩니다.
첫 사건을 만들고 증거물 등록을 시작하십시오.</translation>
    </message>
    <message>
        <source>Create a new case</source>
        <translation>새 사건 만들기</translation>
    </message>
    <message>
        <source>Shortcut: Ctrl+N</source>
        <translation>단축키: Ctrl+N</translation>
    </message>
</context>
<context>
    <name>EvidenceLabels</name>
    <message>
        <source>Mobile phone</source>
        <translation>휴대전화</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>컴퓨터</translation>
    </message>
    <message>
        <source>CCTV recorder</source>
        <translation>CCTV 녹화기(DVR/NVR)</translation>
    </message>
    <message>
        <source>Storage media</source>
        <translation>저장매체</translation>
    </message>
    <message>
        <source>SIM / memory card</source>
        <translation>USIM / 메모리카드</translation>
    </message>
    <message>
        <source>Flyer photos</source>
        <translation>전단지 촬영 사진</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>문서</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>기타</translation>
    </message>
    <message>
        <source>In custody</source>
        <translation>보관 중</translation>
    </message>
    <message>
        <source>In analysis</source>
        <translation>분석 중</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>환부</translation>
    </message>
    <message>
        <source>Destroyed</source>
        <translation>폐기</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>등록 철회</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>정상</translation>
    </message>
    <message>
        <source>HASH MISMATCH</source>
        <translation>해시 불일치</translation>
    </message>
    <message>
        <source>FILE MISSING</source>
        <translation>파일 없음</translation>
    </message>
    <message>
        <source>Unreadable</source>
        <translation>읽기 불가</translation>
    </message>
    <message>
        <source>Changed while reading</source>
        <translation>읽는 도중 변경됨</translation>
    </message>
    <message>
        <source>All verified files matched their catalogued hashes.</source>
        <translation>검증한 모든 파일이 등록 당시의 해시값과 일치했습니다.</translation>
    </message>
    <message>
        <source>A file no longer matches its catalogued SHA-256/MD5: the evidence copy may have been altered. Do not use it; report it and re-verify.</source>
        <translation>파일이 등록 당시의 SHA-256/MD5 해시값과 일치하지 않습니다. 증거 사본이 변조되었을 수 있습니다. 사용을 중지하고 보고한 뒤 다시 검증하십시오.</translation>
    </message>
    <message>
        <source>A catalogued file was not found at its stored location during the last verification.</source>
        <translation>최근 검증 때 등록된 파일을 저장 위치에서 찾을 수 없었습니다.</translation>
    </message>
    <message>
        <source>A file could not be read during the last verification.</source>
        <translation>최근 검증 때 파일을 읽을 수 없었습니다.</translation>
    </message>
    <message>
        <source>A file changed while it was being verified; verify it again.</source>
        <translation>검증하는 도중 파일이 변경되었습니다. 다시 검증하십시오.</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>미검증</translation>
    </message>
    <message>
        <source>The files have not been verified since hashing.</source>
        <translation>해시 계산 이후 아직 검증하지 않았습니다.</translation>
    </message>
</context>
<context>
    <name>EvidenceModel</name>
    <message>
        <source>Photo / source</source>
        <translation>사진 / 출처</translation>
    </message>
    <message>
        <source>Seen</source>
        <translation>발견 일시</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>발견 장소</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>사건번호</translation>
    </message>
    <message>
        <source>Collector</source>
        <translation>수거자</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Photo not found at %1</source>
        <translation>사진이 기록된 위치에 없습니다: %1</translation>
    </message>
    <message>
        <source>Photo cannot be read: %1</source>
        <translation>사진을 읽을 수 없습니다: %1</translation>
    </message>
</context>
<context>
    <name>EvidencePane</name>
    <message>
        <source>Search exhibit no., description, make, serial, IMEI, seized from, storage…</source>
        <translation>증거물 번호, 설명, 제조사, 일련번호, IMEI, 압수 대상, 보관 장소 검색…</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>모든 종류</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>모든 상태</translation>
    </message>
    <message>
        <source>New item…</source>
        <translation>새 증거물…</translation>
    </message>
    <message>
        <source>Catalogue a new item and hash its files</source>
        <translation>새 증거물을 등록하고 파일 해시값을 계산합니다</translation>
    </message>
    <message>
        <source>Evidence items</source>
        <translation>증거물 목록</translation>
    </message>
    <message>
        <source>The case is not open: reopen it to add evidence</source>
        <translation>진행 중인 사건이 아닙니다. 증거물을 추가하려면 사건을 재개하십시오</translation>
    </message>
    <message>
        <source>No case is open.</source>
        <translation>선택된 사건이 없습니다.</translation>
    </message>
    <message>
        <source>No evidence yet. Click “New item…” or drop files and folders here.</source>
        <translation>아직 증거물이 없습니다. “새 증거물…”을 누르거나 파일과 폴더를 이곳에 끌어다 놓으십시오.</translation>
    </message>
    <message>
        <source>%1 of %2 items</source>
        <translation>증거물 %2건 중 %1건</translation>
    </message>
    <message>
        <source>%1 items</source>
        <translation>증거물 %1건</translation>
    </message>
    <message>
        <source>%1 item</source>
        <translation>증거물 %1건</translation>
    </message>
    <message>
        <source>Reading the item&apos;s files</source>
        <translation>증거물의 파일 읽는 중</translation>
    </message>
    <message>
        <source>The case is not open: reopen it to add evidence.</source>
        <translation>진행 중인 사건이 아닙니다. 증거물을 추가하려면 사건을 재개하십시오.</translation>
    </message>
    <message>
        <source>The item is withdrawn: no files can be added to it.</source>
        <translation>등록 철회된 증거물에는 파일을 추가할 수 없습니다.</translation>
    </message>
    <message>
        <source>Verifying %1…</source>
        <translation>%1 검증 중…</translation>
    </message>
    <message>
        <source>INTEGRITY FAILURE: %1 of %2 file(s) of %3 do not match.</source>
        <translation>무결성 검증 실패: %3의 파일 %2개 중 %1개가 일치하지 않습니다.</translation>
    </message>
    <message>
        <source>Evidence integrity failure</source>
        <translation>증거 무결성 검증 실패</translation>
    </message>
    <message>
        <source>The evidence copy may have been altered or lost. Do not use it for analysis before the cause is found. The result is recorded in the custody log.</source>
        <translation>증거 사본이 변조되었거나 유실되었을 수 있습니다. 원인이 밝혀지기 전에는 분석에 사용하지 마십시오. 검증 결과는 관리연속성 로그에 기록되었습니다.</translation>
    </message>
    <message>
        <source>Verification cancelled after %1 file(s); those results are recorded.</source>
        <translation>파일 %1개를 검증한 뒤 취소되었습니다. 그 결과는 기록되었습니다.</translation>
    </message>
    <message>
        <source>All %1 file(s) of %2 match their catalogued hashes.</source>
        <translation>%2의 파일 %1개 모두 등록 당시의 해시값과 일치합니다.</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>수정…</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>파일 추가…</translation>
    </message>
    <message>
        <source>Change status…</source>
        <translation>상태 변경…</translation>
    </message>
    <message>
        <source>Hand over…</source>
        <translation>인계…</translation>
    </message>
    <message>
        <source>Withdraw…</source>
        <translation>철회…</translation>
    </message>
    <message>
        <source>Verify this item</source>
        <translation>이 증거물 검증</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>증거물</translation>
    </message>
</context>
<context>
    <name>EvidenceTableModel</name>
    <message>
        <source>Exhibit no.</source>
        <translation>증거물 번호</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>Make / model</source>
        <translation>제조사 / 모델</translation>
    </message>
    <message>
        <source>Serial / IMEI</source>
        <translation>일련번호 / IMEI</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Custodian</source>
        <translation>보관 책임자</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>검증</translation>
    </message>
    <message>
        <source>Seized at</source>
        <translation>압수 일시</translation>
    </message>
</context>
<context>
    <name>ExaminerDialog</name>
    <message>
        <source>Add examiner</source>
        <translation>분석관 추가</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>성명:</translation>
    </message>
    <message>
        <source>Badge number:</source>
        <translation>공무원증 번호:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>역할:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>비밀번호:</translation>
    </message>
    <message>
        <source>Repeat password:</source>
        <translation>비밀번호 확인:</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>추가</translation>
    </message>
    <message>
        <source>The password needs at least {n} characters.</source>
        <translation>비밀번호는 {n}자 이상이어야 합니다.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>두 비밀번호가 서로 다릅니다.</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>Cannot write {path}: {reason}</source>
        <translation>{path}에 쓸 수 없습니다: {reason}</translation>
    </message>
</context>
<context>
    <name>ExportButton</name>
    <message>
        <source>Export…</source>
        <translation>내보내기…</translation>
    </message>
    <message>
        <source>Save the rows shown as CSV or Excel, or print them</source>
        <translation>보이는 행을 CSV나 엑셀로 저장하거나 인쇄합니다</translation>
    </message>
    <message>
        <source>Save as CSV…</source>
        <translation>CSV로 저장…</translation>
    </message>
    <message>
        <source>Save as Excel (XLSX)…</source>
        <translation>엑셀(XLSX)로 저장…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>인쇄…</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 파일 (*.csv)</translation>
    </message>
    <message>
        <source>Excel files (*.xlsx)</source>
        <translation>엑셀 파일 (*.xlsx)</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>%1 내보내기</translation>
    </message>
    <message>
        <source>%1 row(s) written to %2</source>
        <translation>%2에 %1행을 저장했습니다</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation>%1 내보내는 중…</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export submission package</source>
        <translation>제출 패키지 내보내기</translation>
    </message>
    <message>
        <source>%1 request(s) selected. The approved ones go into one zip file (a list per route, the evidence photos and a SHA-256 manifest) and become submitted; the others are left as they are.</source>
        <translation>요청 %1건을 선택했습니다. 이 중 승인 완료된 요청이 하나의 zip 파일(경로별 목록, 증거 사진, SHA-256 목록)로 묶이고 제출 완료 상태가 됩니다. 나머지 요청은 그대로 둡니다.</translation>
    </message>
    <message>
        <source>Folder to write the package to</source>
        <translation>패키지를 저장할 폴더</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Export even if evidence photos are missing (the list names them)</source>
        <translation>증거 사진이 없어도 내보내기 (목록에 누락 사진을 표시)</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>폴더</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>Folder for the submission package</source>
        <translation>제출 패키지를 저장할 폴더</translation>
    </message>
    <message>
        <source>None of the selected requests is approved: only approved requests go into a submission package.</source>
        <translation>선택한 요청 중 승인 완료된 요청이 없습니다. 제출 패키지에는 승인 완료된 요청만 들어갑니다.</translation>
    </message>
    <message>
        <source>Writing submission package…</source>
        <translation>제출 패키지 작성 중…</translation>
    </message>
    <message>
        <source>Nothing was exported. To send the package without them, tick “Export even if evidence photos are missing”.</source>
        <translation>아무것도 내보내지 않았습니다. 해당 사진 없이 보내려면 “증거 사진이 없어도 내보내기”를 선택하십시오.</translation>
    </message>
    <message>
        <source>Nothing was exported; the requests are unchanged.</source>
        <translation>아무것도 내보내지 않았으며 요청은 변경되지 않았습니다.</translation>
    </message>
</context>
<context>
    <name>FileTableModel</name>
    <message>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>MD5</source>
        <translation>MD5</translation>
    </message>
    <message>
        <source>Last verification</source>
        <translation>최근 검증 결과</translation>
    </message>
    <message>
        <source>Verified at</source>
        <translation>검증 일시</translation>
    </message>
</context>
<context>
    <name>FlyerLabels</name>
    <message>
        <source>Unreviewed</source>
        <translation>미검토</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>승인</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>거부</translation>
    </message>
    <message>
        <source>Corrected</source>
        <translation>수정</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>휴대전화</translation>
    </message>
    <message>
        <source>Internet phone (070)</source>
        <translation>인터넷전화(070)</translation>
    </message>
    <message>
        <source>Personal number (050x)</source>
        <translation>안심번호(050x)</translation>
    </message>
    <message>
        <source>Business number (15xx)</source>
        <translation>대표번호(15xx)</translation>
    </message>
    <message>
        <source>Landline</source>
        <translation>유선전화</translation>
    </message>
    <message>
        <source>Toll-free (080)</source>
        <translation>수신자부담(080)</translation>
    </message>
    <message>
        <source>Premium rate (060)</source>
        <translation>정보이용료(060)</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>기타</translation>
    </message>
    <message>
        <source>Illegal lending</source>
        <translation>불법 대부</translation>
    </message>
    <message>
        <source>Obscene / adult</source>
        <translation>음란·청소년유해</translation>
    </message>
    <message>
        <source>Not read yet</source>
        <translation>미판독</translation>
    </message>
    <message>
        <source>Numbers read</source>
        <translation>번호 판독됨</translation>
    </message>
    <message>
        <source>Numbers to review</source>
        <translation>검토 필요 번호</translation>
    </message>
    <message>
        <source>No number found</source>
        <translation>번호 없음</translation>
    </message>
    <message>
        <source>Could not be read</source>
        <translation>판독 불가</translation>
    </message>
    <message>
        <source>%1 number(s), %2 to review</source>
        <translation>번호 %1개, 검토 필요 %2개</translation>
    </message>
    <message>
        <source>Same flyer as %1 other photo(s) (group %2)</source>
        <translation>다른 사진 %1장과 같은 전단지 (그룹 %2)</translation>
    </message>
    <message>
        <source>Classified “Other”: waits for the analyst to set its category</source>
        <translation>“기타”로 분류됨: 분석관이 광고 유형을 지정하기를 기다립니다</translation>
    </message>
</context>
<context>
    <name>FlyerPane</name>
    <message>
        <source>The flyer-photo batches (evidence items) of the case</source>
        <translation>사건의 전단지 사진 묶음(증거물)</translation>
    </message>
    <message>
        <source>Import photos…</source>
        <translation>사진 가져오기…</translation>
    </message>
    <message>
        <source>Catalogue a folder of flyer photos (or drop folders and photos on the grid)</source>
        <translation>전단지 사진 폴더를 등록합니다 (폴더나 사진을 사진 목록에 끌어다 놓아도 됩니다)</translation>
    </message>
    <message>
        <source>Run OCR</source>
        <translation>OCR 실행</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Stop after the photos being read; what is finished is kept</source>
        <translation>판독 중인 사진까지만 처리하고 멈춥니다. 끝난 결과는 보존됩니다</translation>
    </message>
    <message>
        <source>When collected…</source>
        <translation>수거 일시…</translation>
    </message>
    <message>
        <source>When the batch&apos;s flyers were collected: the sighting time of photos without a camera time</source>
        <translation>이 묶음의 전단지를 수거한 일시: 촬영 시각이 없는 사진의 발견 일시가 됩니다</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>묶음</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>번호</translation>
    </message>
    <message>
        <source>Numbers of case %1</source>
        <translation>사건 %1의 번호</translation>
    </message>
    <message>
        <source>Loading the case&apos;s flyer photos…</source>
        <translation>사건의 전단지 사진을 불러오는 중…</translation>
    </message>
    <message>
        <source>Reading the case&apos;s flyer photos</source>
        <translation>사건의 전단지 사진 읽는 중</translation>
    </message>
    <message>
        <source>%1 photos</source>
        <translation>사진 %1장</translation>
    </message>
    <message>
        <source>%1 photo</source>
        <translation>사진 %1장</translation>
    </message>
    <message>
        <source>Numbers in this case (%1)</source>
        <translation>이 사건의 전화번호 (%1)</translation>
    </message>
    <message>
        <source>No case is open.</source>
        <translation>선택된 사건이 없습니다.</translation>
    </message>
    <message>
        <source>No flyer photos yet. Click “Import photos…” or drop folders and photos here.</source>
        <translation>아직 전단지 사진이 없습니다. “사진 가져오기…”를 누르거나 폴더와 사진을 이곳에 끌어다 놓으십시오.</translation>
    </message>
    <message>
        <source>This batch holds no photos.</source>
        <translation>이 묶음에는 사진이 없습니다.</translation>
    </message>
    <message>
        <source>Photos (%1)</source>
        <translation>사진 (%1)</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>사진</translation>
    </message>
    <message>
        <source>%1 read</source>
        <translation>판독 %1</translation>
    </message>
    <message>
        <source>%1 to review</source>
        <translation>검토 필요 %1</translation>
    </message>
    <message>
        <source>%1 unreadable</source>
        <translation>판독 불가 %1</translation>
    </message>
    <message>
        <source>%1 not read yet</source>
        <translation>미판독 %1</translation>
    </message>
    <message>
        <source>Resume OCR (%1 left)</source>
        <translation>OCR 이어서 실행 (%1장 남음)</translation>
    </message>
    <message>
        <source>Run OCR (%1 photos)</source>
        <translation>OCR 실행 (사진 %1장)</translation>
    </message>
    <message>
        <source>Read the phone numbers on the batch&apos;s photos that have not been read yet</source>
        <translation>묶음에서 아직 판독하지 않은 사진의 전화번호를 판독합니다</translation>
    </message>
    <message>
        <source>Every photo of this batch has been read</source>
        <translation>이 묶음의 모든 사진을 판독했습니다</translation>
    </message>
    <message>
        <source>Collected %1</source>
        <translation>수거 %1</translation>
    </message>
    <message>
        <source>The case is not open: reopen it to add photos</source>
        <translation>사건이 진행 중이 아닙니다. 사진을 추가하려면 사건을 다시 여십시오</translation>
    </message>
    <message>
        <source>Select a photo to review its numbers.</source>
        <translation>사진을 선택하면 판독된 번호를 검토할 수 있습니다.</translation>
    </message>
    <message>
        <source>Import flyer photos, run the OCR, then review the numbers here.</source>
        <translation>전단지 사진을 가져와 OCR을 실행한 뒤 이곳에서 번호를 검토하십시오.</translation>
    </message>
    <message>
        <source>On this photo (%1)</source>
        <translation>이 사진의 번호 (%1)</translation>
    </message>
    <message>
        <source>taken %1</source>
        <translation>촬영 %1</translation>
    </message>
    <message>
        <source>collected %1 (no camera time)</source>
        <translation>수거 %1 (촬영 시각 없음)</translation>
    </message>
    <message>
        <source>no camera time: give when the flyers were collected</source>
        <translation>촬영 시각 없음: 전단지 수거 일시를 입력하십시오</translation>
    </message>
    <message>
        <source>%1 number(s)</source>
        <translation>번호 %1개</translation>
    </message>
    <message>
        <source>same flyer as %1 other photo(s) (group %2)</source>
        <translation>다른 사진 %1장과 같은 전단지 (그룹 %2)</translation>
    </message>
    <message>
        <source>The case is not open: reopen it to change the flyer&apos;s category</source>
        <translation>사건이 열려 있지 않습니다. 전단지 광고 유형을 바꾸려면 사건을 다시 여십시오</translation>
    </message>
    <message>
        <source>Storing the flyer&apos;s category…</source>
        <translation>전단지 광고 유형 저장 중…</translation>
    </message>
    <message>
        <source>Setting the flyer&apos;s ad category</source>
        <translation>전단지 광고 유형 지정</translation>
    </message>
    <message>
        <source>The flyer&apos;s category is now “%1” (%2 photo(s)); recorded in the custody log.</source>
        <translation>전단지 광고 유형을 “%1”(으)로 지정했습니다(사진 %2장). 관리 이력(CoC)에 기록되었습니다.</translation>
    </message>
    <message>
        <source>Loading the photo…</source>
        <translation>사진 불러오는 중…</translation>
    </message>
    <message>
        <source>%1 unreviewed in the case</source>
        <translation>사건 내 미검토 %1건</translation>
    </message>
    <message>
        <source>Nothing left to review in the case</source>
        <translation>사건 내 검토할 번호가 없습니다</translation>
    </message>
    <message>
        <source>Storing the review</source>
        <translation>검토 결과 저장 중</translation>
    </message>
    <message>
        <source>The case is not open: reopen it to add photos.</source>
        <translation>사건이 진행 중이 아닙니다. 사진을 추가하려면 사건을 다시 여십시오.</translation>
    </message>
    <message>
        <source>Wait for the running import or OCR to finish.</source>
        <translation>진행 중인 가져오기 또는 OCR이 끝날 때까지 기다리십시오.</translation>
    </message>
    <message>
        <source>%1 photo(s) imported.</source>
        <translation>사진 %1장을 가져왔습니다.</translation>
    </message>
    <message>
        <source>%1 already in the case (same bytes), not imported again.</source>
        <translation>%1장은 이미 사건에 있어(내용 동일) 다시 가져오지 않았습니다.</translation>
    </message>
    <message>
        <source>%1 file(s) skipped (not photos).</source>
        <translation>파일 %1개는 사진이 아니어서 건너뛰었습니다.</translation>
    </message>
    <message>
        <source>%1 photo(s) catalogued but not readable as pictures.</source>
        <translation>사진 %1장은 등록했으나 이미지로 읽을 수 없습니다.</translation>
    </message>
    <message>
        <source>Click “Run OCR” to read their numbers.</source>
        <translation>“OCR 실행”을 눌러 번호를 판독하십시오.</translation>
    </message>
    <message>
        <source>OCR of %1</source>
        <translation>%1 OCR</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>취소하는 중…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>취소했습니다.</translation>
    </message>
    <message>
        <source>Reading the photos&apos; OCR states</source>
        <translation>사진의 OCR 상태 읽는 중</translation>
    </message>
    <message>
        <source>OCR stopped: %1 photo(s) read, %2 left.</source>
        <translation>OCR 중단: 사진 %1장 판독, %2장 남음.</translation>
    </message>
    <message>
        <source>“Resume OCR” continues where it stopped.</source>
        <translation>“OCR 이어서 실행”을 누르면 멈춘 곳부터 계속합니다.</translation>
    </message>
    <message>
        <source>OCR done: %1 photo(s) read, %2 numbers, %3 to review, %4 unreadable.</source>
        <translation>OCR 완료: 사진 %1장 판독, 번호 %2개, 검토 필요 %3개, 판독 불가 %4장.</translation>
    </message>
    <message>
        <source>Flyer photos</source>
        <translation>전단지 사진</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <source>%1 bytes</source>
        <translation>%1바이트</translation>
    </message>
</context>
<context>
    <name>GroupCategoryBar</name>
    <message>
        <source>Ad category of this flyer</source>
        <translation>이 전단지의 광고 유형</translation>
    </message>
    <message>
        <source>The ad category of the flyer, for every photo of the same flyer</source>
        <translation>같은 전단지의 모든 사진에 적용되는 광고 유형</translation>
    </message>
    <message>
        <source>Set category</source>
        <translation>유형 지정</translation>
    </message>
    <message>
        <source>Flyers classified “Other” are never queued for blocking until the analyst sets their category</source>
        <translation>“기타”로 분류된 전단지는 분석관이 광고 유형을 지정하기 전까지 차단 요청 대상에 오르지 않습니다</translation>
    </message>
    <message>
        <source>Go to the next ▶</source>
        <translation>다음 전단지로 ▶</translation>
    </message>
    <message>
        <source>Show a photo of the next flyer that waits for its category</source>
        <translation>광고 유형 지정을 기다리는 다음 전단지의 사진을 봅니다</translation>
    </message>
    <message>
        <source>Not read yet: the OCR proposes a category when it reads the photo</source>
        <translation>아직 판독되지 않음: OCR이 사진을 읽으면 광고 유형을 제안합니다</translation>
    </message>
    <message>
        <source>Waits for its category</source>
        <translation>광고 유형 지정 대기</translation>
    </message>
    <message>
        <source>Not queued for blocking until its category is set</source>
        <translation>광고 유형을 지정하기 전에는 차단 요청 대상에 오르지 않습니다</translation>
    </message>
    <message>
        <source>%1 photo(s) of this flyer</source>
        <translation>이 전단지의 사진 %1장</translation>
    </message>
    <message>
        <source>No number on it to block</source>
        <translation>차단할 번호 없음</translation>
    </message>
    <message>
        <source>The OCR saw no ad-category words on this flyer.</source>
        <translation>OCR이 이 전단지에서 광고 유형을 나타내는 낱말을 찾지 못했습니다.</translation>
    </message>
    <message>
        <source>Words the OCR saw: %1</source>
        <translation>OCR이 찾은 낱말: %1</translation>
    </message>
    <message>
        <source>%1 flyer group(s) wait for their category</source>
        <translation>전단지 %1건이 광고 유형 지정을 기다립니다</translation>
    </message>
    <message>
        <source>Record this category for every photo of the flyer (in the custody log); its numbers follow in the block queue</source>
        <translation>이 전단지의 모든 사진에 이 광고 유형을 기록합니다(관리 이력에 남음). 번호는 차단 요청 대기열에 반영됩니다</translation>
    </message>
</context>
<context>
    <name>HandOverDialog</name>
    <message>
        <source>Hand over %1</source>
        <translation>%1 인계</translation>
    </message>
    <message>
        <source>Held by</source>
        <translation>현재 보관자</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>Hand over to</source>
        <translation>인수자</translation>
    </message>
    <message>
        <source>No other active examiner</source>
        <translation>인계할 수 있는 다른 분석관이 없습니다</translation>
    </message>
    <message>
        <source>Choose the examiner who receives the item.</source>
        <translation>증거물을 인수할 분석관을 선택하십시오.</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>drafted</source>
        <translation>초안 작성</translation>
    </message>
    <message>
        <source>suspension period ended</source>
        <translation>이용중지 기간 만료</translation>
    </message>
    <message>
        <source>(created)</source>
        <translation>(신규 작성)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>일시</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>처리자</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>권한</translation>
    </message>
    <message>
        <source>From</source>
        <translation>이전 상태</translation>
    </message>
    <message>
        <source>To</source>
        <translation>변경 상태</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>Package SHA-256</source>
        <translation>패키지 SHA-256</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Cancelled. Nothing was stored.</source>
        <translation>취소되었습니다. 아무것도 저장되지 않았습니다.</translation>
    </message>
    <message>
        <source>Import flyer photos</source>
        <translation>전단지 사진 가져오기</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>폴더 추가…</translation>
    </message>
    <message>
        <source>Add photos…</source>
        <translation>사진 추가…</translation>
    </message>
    <message>
        <source>Photos ({patterns})</source>
        <translation>사진 ({patterns})</translation>
    </message>
    <message>
        <source>New batch</source>
        <translation>새 묶음</translation>
    </message>
    <message>
        <source>e.g. Flyers collected around Suwon station</source>
        <translation>예: 수원역 일대 수거 전단지</translation>
    </message>
    <message>
        <source>Where the flyers were collected</source>
        <translation>전단지를 수거한 장소</translation>
    </message>
    <message>
        <source>Known</source>
        <translation>알고 있음</translation>
    </message>
    <message>
        <source>For photos without a camera time. Without it, their numbers get no sighting time until you give one.</source>
        <translation>촬영 시각이 없는 사진에 쓰입니다. 입력하지 않으면 그 사진의 번호는 일시를 입력할 때까지 발견 기록이 되지 않습니다.</translation>
    </message>
    <message>
        <source>Who collected and photographed them</source>
        <translation>수거 및 촬영한 사람</translation>
    </message>
    <message>
        <source>Add to</source>
        <translation>추가할 묶음</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>Collected at (place)</source>
        <translation>수거 장소</translation>
    </message>
    <message>
        <source>Collected on</source>
        <translation>수거 일시</translation>
    </message>
    <message>
        <source>Collected by</source>
        <translation>수거자</translation>
    </message>
    <message>
        <source>Photos and folders (JPEG, PNG, WebP, HEIC, AVIF)</source>
        <translation>사진 및 폴더 (JPEG, PNG, WebP, HEIC, AVIF)</translation>
    </message>
    <message>
        <source>Import and hash</source>
        <translation>가져오기 및 해시 계산</translation>
    </message>
    <message>
        <source>Add the photos or folders to import first.</source>
        <translation>먼저 가져올 사진이나 폴더를 추가하십시오.</translation>
    </message>
    <message>
        <source>Importing flyer photos…</source>
        <translation>전단지 사진 가져오는 중…</translation>
    </message>
    <message>
        <source>Import device data</source>
        <translation>기기 데이터 가져오기</translation>
    </message>
    <message>
        <source>Add database files, extraction folders, zip/tar archives, iTunes/Finder backups, Cellebrite UFDRs or CSV/XLSX exports, or drop them here.</source>
        <translation>데이터베이스 파일, 추출 폴더, zip/tar 압축 파일, iTunes/Finder 백업, Cellebrite UFDR, CSV/XLSX 내보내기 파일을 추가하거나 여기에 끌어다 놓으십시오.</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>파일 추가…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <source>Import into:</source>
        <translation>가져올 증거물:</translation>
    </message>
    <message>
        <source>Column mapping for CSV/XLSX exports:</source>
        <translation>CSV/XLSX 내보내기 파일의 열 매핑:</translation>
    </message>
    <message>
        <source>Edit mapping…</source>
        <translation>매핑 편집…</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>원본</translation>
    </message>
    <message>
        <source>Read by</source>
        <translation>파서</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>행 수</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Skipped and noticed:</source>
        <translation>건너뛴 것과 참고 사항:</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>확인</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>가져오기</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Files to import</source>
        <translation>가져올 파일</translation>
    </message>
    <message>
        <source>Folder to import</source>
        <translation>가져올 폴더</translation>
    </message>
    <message>
        <source>A new phone item</source>
        <translation>새 휴대전화 증거물</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(없음)</translation>
    </message>
    <message>
        <source>Press Check: it shows what would be read, without writing anything.</source>
        <translation>먼저 “확인”을 누르십시오. 아무것도 기록하지 않고 무엇을 읽을지 보여 줍니다.</translation>
    </message>
    <message>
        <source>Add something to import first.</source>
        <translation>먼저 가져올 것을 추가하십시오.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>확인 중…</translation>
    </message>
    <message>
        <source>Checking what to import</source>
        <translation>가져올 내용 확인</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>취소했습니다.</translation>
    </message>
    <message>
        <source>already imported</source>
        <translation>이미 가져옴</translation>
    </message>
    <message>
        <source>new</source>
        <translation>새 항목</translation>
    </message>
    <message>
        <source>Nothing has been written yet. Import to add these.</source>
        <translation>아직 아무것도 기록하지 않았습니다. 가져오기를 누르면 추가됩니다.</translation>
    </message>
    <message>
        <source>Nothing new to import.</source>
        <translation>새로 가져올 것이 없습니다.</translation>
    </message>
    <message>
        <source>{file} is a table exported by another tool: choose its column mapping in the list above (or make one with “Edit mapping…”), then Check again. Its columns are: {columns}. Nothing was imported.</source>
        <translation>{file}은(는) 다른 도구에서 내보낸 표입니다. 위 목록에서 열 매핑을 고르거나 “매핑 편집…”으로 만든 뒤 다시 “확인”을 누르십시오. 이 파일의 열: {columns}. 아무것도 가져오지 않았습니다.</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>가져오는 중…</translation>
    </message>
    <message>
        <source>Importing device data</source>
        <translation>기기 데이터 가져오는 중</translation>
    </message>
    <message>
        <source>Cancelled: nothing of this import was written.</source>
        <translation>취소했습니다. 이번 가져오기의 내용은 하나도 기록되지 않았습니다.</translation>
    </message>
    <message>
        <source>{item}: {messages}, {calls}, {contacts} imported.</source>
        <translation>{item}: {messages}, {calls}, {contacts} 가져오기 완료.</translation>
    </message>
    <message>
        <source>%1 message</source>
        <translation>메시지 %1건</translation>
    </message>
    <message>
        <source>%1 messages</source>
        <translation>메시지 %1건</translation>
    </message>
    <message>
        <source>%1 call</source>
        <translation>통화 %1건</translation>
    </message>
    <message>
        <source>%1 calls</source>
        <translation>통화 %1건</translation>
    </message>
    <message>
        <source>%1 contact</source>
        <translation>연락처 %1건</translation>
    </message>
    <message>
        <source>%1 contacts</source>
        <translation>연락처 %1건</translation>
    </message>
    <message>
        <source>zip archive</source>
        <translation>zip 압축 파일</translation>
    </message>
    <message>
        <source>tar archive</source>
        <translation>tar 압축 파일</translation>
    </message>
    <message>
        <source>iTunes/Finder backup</source>
        <translation>iTunes/Finder 백업</translation>
    </message>
    <message>
        <source>Cellebrite UFDR</source>
        <translation>Cellebrite UFDR</translation>
    </message>
    <message>
        <source>tool export</source>
        <translation>도구 내보내기 파일</translation>
    </message>
    <message>
        <source>extracted {when}</source>
        <translation>추출 일시 {when}</translation>
    </message>
</context>
<context>
    <name>ItemDetailPanel</name>
    <message>
        <source>Edit…</source>
        <translation>수정…</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>파일 추가…</translation>
    </message>
    <message>
        <source>Change status…</source>
        <translation>상태 변경…</translation>
    </message>
    <message>
        <source>Hand over…</source>
        <translation>인계…</translation>
    </message>
    <message>
        <source>Withdraw…</source>
        <translation>철회…</translation>
    </message>
    <message>
        <source>The item was catalogued by mistake: withdraw it (kept, never deleted)</source>
        <translation>잘못 등록된 증거물의 등록을 철회합니다(삭제되지 않고 보존됨)</translation>
    </message>
    <message>
        <source>Verify this item</source>
        <translation>이 증거물 검증</translation>
    </message>
    <message>
        <source>Re-hash every file of this item and compare with the catalogued hashes</source>
        <translation>이 증거물의 모든 파일 해시값을 다시 계산하여 등록 당시 값과 비교합니다</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>Make / model</source>
        <translation>제조사 / 모델</translation>
    </message>
    <message>
        <source>Serial no.</source>
        <translation>일련번호</translation>
    </message>
    <message>
        <source>IMEI</source>
        <translation>IMEI</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Custodian</source>
        <translation>보관 책임자</translation>
    </message>
    <message>
        <source>Inside item</source>
        <translation>상위 증거물</translation>
    </message>
    <message>
        <source>Seized from</source>
        <translation>압수 대상</translation>
    </message>
    <message>
        <source>Seized at (place)</source>
        <translation>압수 장소</translation>
    </message>
    <message>
        <source>Seized on</source>
        <translation>압수 일시</translation>
    </message>
    <message>
        <source>Seized by</source>
        <translation>압수자</translation>
    </message>
    <message>
        <source>Stored at</source>
        <translation>보관 장소</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>검증</translation>
    </message>
    <message>
        <source>Items inside</source>
        <translation>하위 증거물</translation>
    </message>
    <message>
        <source>Select an item to see its details and files.</source>
        <translation>증거물을 선택하면 상세 정보와 파일이 표시됩니다.</translation>
    </message>
    <message>
        <source>Loading the item…</source>
        <translation>증거물을 불러오는 중…</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>%1 file(s), %2</source>
        <translation>파일 %1개, %2</translation>
    </message>
    <message>
        <source>WITHDRAWN — catalogued by mistake; kept for the record, not for use.</source>
        <translation>등록 철회 — 잘못 등록됨. 기록으로 보존하며 사용하지 않습니다.</translation>
    </message>
    <message>
        <source>INTEGRITY ALERT — %1: %2</source>
        <translation>무결성 경고 — %1: %2</translation>
    </message>
    <message>
        <source>Files (%1)</source>
        <translation>파일 (%1)</translation>
    </message>
    <message>
        <source>Items inside (%1)</source>
        <translation>하위 증거물 (%1)</translation>
    </message>
</context>
<context>
    <name>ItemDialog</name>
    <message>
        <source>Cancelled. Nothing was stored.</source>
        <translation>취소되었습니다. 아무것도 저장되지 않았습니다.</translation>
    </message>
    <message>
        <source>New evidence item</source>
        <translation>새 증거물</translation>
    </message>
    <message>
        <source>Edit item %1</source>
        <translation>증거물 %1 수정</translation>
    </message>
    <message>
        <source>Automatic (next EX-number)</source>
        <translation>자동 부여 (다음 EX 번호)</translation>
    </message>
    <message>
        <source>15 digits, e.g. 35 693803 564380 9</source>
        <translation>15자리, 예: 35 693803 564380 9</translation>
    </message>
    <message>
        <source>e.g. Samsung</source>
        <translation>예: 삼성전자</translation>
    </message>
    <message>
        <source>e.g. Galaxy S23</source>
        <translation>예: 갤럭시 S23</translation>
    </message>
    <message>
        <source>Person or place it was taken from</source>
        <translation>압수 대상자 또는 장소</translation>
    </message>
    <message>
        <source>Evidence room, shelf, bag number</source>
        <translation>증거물 보관실, 선반, 봉투 번호</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>증거물</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Exhibit no.</source>
        <translation>증거물 번호</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>Make</source>
        <translation>제조사</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>Serial no.</source>
        <translation>일련번호</translation>
    </message>
    <message>
        <source>IMEI</source>
        <translation>IMEI</translation>
    </message>
    <message>
        <source>Inside item</source>
        <translation>상위 증거물</translation>
    </message>
    <message>
        <source>Seizure and storage</source>
        <translation>압수 및 보관</translation>
    </message>
    <message>
        <source>Seized from</source>
        <translation>압수 대상</translation>
    </message>
    <message>
        <source>Seized at (place)</source>
        <translation>압수 장소</translation>
    </message>
    <message>
        <source>Seized on</source>
        <translation>압수 일시</translation>
    </message>
    <message>
        <source>Seized by</source>
        <translation>압수자</translation>
    </message>
    <message>
        <source>Stored at</source>
        <translation>보관 장소</translation>
    </message>
    <message>
        <source>Files and folders to catalogue</source>
        <translation>등록할 파일 및 폴더</translation>
    </message>
    <message>
        <source>Catalogue and hash</source>
        <translation>등록 및 해시 계산</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(없음)</translation>
    </message>
    <message>
        <source>The first %1 items are listed; type any exhibit number.</source>
        <translation>처음 %1건만 표시됩니다. 다른 증거물 번호는 직접 입력하십시오.</translation>
    </message>
    <message>
        <source>Hashing %1 file(s) or folder(s)…</source>
        <translation>파일 또는 폴더 %1개 해시 계산 중…</translation>
    </message>
    <message>
        <source>Cataloguing…</source>
        <translation>등록 중…</translation>
    </message>
</context>
<context>
    <name>ItemDialogs</name>
    <message>
        <source>Some paths were not catalogued</source>
        <translation>일부 경로는 등록되지 않았습니다</translation>
    </message>
    <message>
        <source>%1 file(s) were added to %2; %3 path(s) were skipped.</source>
        <translation>%2에 파일 %1개를 추가했고, 경로 %3개는 건너뛰었습니다.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Cannot complete the action</source>
        <translation>작업을 완료할 수 없습니다</translation>
    </message>
    <message>
        <source>Evidence items</source>
        <translation>증거물 목록</translation>
    </message>
    <message>
        <source>Flyer photos (OCR)</source>
        <translation>전단지 사진 (판독)</translation>
    </message>
    <message>
        <source>Chain of custody (CoC) log</source>
        <translation>관리연속성(CoC) 로그</translation>
    </message>
    <message>
        <source>Seized phones</source>
        <translation>압수 휴대전화</translation>
    </message>
    <message>
        <source>CCTV</source>
        <translation>CCTV</translation>
    </message>
    <message>
        <source>That clip is not in the CCTV list of this case.</source>
        <translation>그 영상 클립은 이 사건의 CCTV 목록에 없습니다.</translation>
    </message>
    <message>
        <source>&amp;New case…</source>
        <translation>새 사건(&amp;N)…</translation>
    </message>
    <message>
        <source>Open a new case</source>
        <translation>새 사건을 등록합니다</translation>
    </message>
    <message>
        <source>&amp;Edit case…</source>
        <translation>사건 정보 수정(&amp;E)…</translation>
    </message>
    <message>
        <source>Change the number, title or notes of the case</source>
        <translation>사건번호, 사건명, 비고 등을 수정합니다</translation>
    </message>
    <message>
        <source>&amp;Close case</source>
        <translation>사건 종결(&amp;C)</translation>
    </message>
    <message>
        <source>Mark the case closed: no evidence can be added until it is reopened</source>
        <translation>사건을 종결 처리합니다. 재개하기 전까지 증거물을 추가할 수 없습니다</translation>
    </message>
    <message>
        <source>&amp;Reopen case</source>
        <translation>사건 재개(&amp;R)</translation>
    </message>
    <message>
        <source>Open a closed or archived case again</source>
        <translation>종결 또는 보존된 사건을 다시 진행 상태로 돌립니다</translation>
    </message>
    <message>
        <source>&amp;Archive case</source>
        <translation>사건 보존 처리(&amp;A)</translation>
    </message>
    <message>
        <source>Move the case to the archive</source>
        <translation>사건을 보존(아카이브) 목록으로 옮깁니다</translation>
    </message>
    <message>
        <source>&amp;Verify case integrity</source>
        <translation>사건 무결성 검증(&amp;V)</translation>
    </message>
    <message>
        <source>Re-hash every file of the case and check the custody log</source>
        <translation>사건의 모든 파일 해시를 다시 계산하고 관리연속성 로그를 검증합니다</translation>
    </message>
    <message>
        <source>Verify a report &amp;folder…</source>
        <translation>보고서 폴더 검증(&amp;F)…</translation>
    </message>
    <message>
        <source>Check a written report&apos;s files against its manifest and the custody log</source>
        <translation>작성된 보고서의 파일을 매니페스트 및 관리연속성 로그와 대조합니다</translation>
    </message>
    <message>
        <source>Verify the custody log against a &amp;package or report…</source>
        <translation>제출 패키지·보고서로 관리연속성 로그 검증(&amp;P)…</translation>
    </message>
    <message>
        <source>Check the custody log against the head signed into a submission package or a report that left this workstation</source>
        <translation>이 워크스테이션에서 내보낸 제출 패키지나 보고서에 서명되어 있는 마지막 기록과 관리연속성 로그를 대조합니다</translation>
    </message>
    <message>
        <source>New evidence &amp;item…</source>
        <translation>새 증거물(&amp;I)…</translation>
    </message>
    <message>
        <source>Catalogue a seized item in this case</source>
        <translation>이 사건에 압수 증거물을 등록합니다</translation>
    </message>
    <message>
        <source>Add &amp;files…</source>
        <translation>파일 추가(&amp;F)…</translation>
    </message>
    <message>
        <source>Hash and add files or a folder to the selected item</source>
        <translation>선택한 증거물에 파일이나 폴더를 추가하고 해시값을 계산합니다</translation>
    </message>
    <message>
        <source>Import flyer &amp;photos…</source>
        <translation>전단지 사진 가져오기(&amp;P)…</translation>
    </message>
    <message>
        <source>Catalogue a folder of flyer photos in this case</source>
        <translation>이 사건에 전단지 사진 폴더를 등록합니다</translation>
    </message>
    <message>
        <source>Import &amp;phone data…</source>
        <translation>휴대전화 데이터 가져오기(&amp;P)…</translation>
    </message>
    <message>
        <source>Import a seized phone&apos;s databases, a backup, an archive or a UFDR report</source>
        <translation>압수한 휴대전화의 데이터베이스, 백업, 압축 파일 또는 UFDR 보고서를 가져옵니다</translation>
    </message>
    <message>
        <source>Case &amp;report…</source>
        <translation>사건 보고서(&amp;R)…</translation>
    </message>
    <message>
        <source>Write a report of the case (HTML, PDF, Excel, CSV) that anyone can verify</source>
        <translation>누구나 검증할 수 있는 사건 보고서(HTML, PDF, Excel, CSV)를 작성합니다</translation>
    </message>
    <message>
        <source>&amp;Read numbers on photos (OCR)</source>
        <translation>사진의 전화번호 판독(OCR)(&amp;R)</translation>
    </message>
    <message>
        <source>Read the phone numbers on the selected photo batch; resumes where it stopped</source>
        <translation>선택한 사진 묶음의 전화번호를 판독합니다. 중단된 곳부터 이어서 진행합니다</translation>
    </message>
    <message>
        <source>Edit selected item…</source>
        <translation>선택한 증거물 수정…</translation>
    </message>
    <message>
        <source>Edit the selected evidence item</source>
        <translation>선택한 증거물의 정보를 수정합니다</translation>
    </message>
    <message>
        <source>&amp;Withdraw selected item…</source>
        <translation>선택한 증거물 등록 철회(&amp;W)…</translation>
    </message>
    <message>
        <source>The item was catalogued by mistake: withdraw it (kept, never deleted)</source>
        <translation>잘못 등록된 증거물의 등록을 철회합니다(삭제되지 않고 보존됨)</translation>
    </message>
    <message>
        <source>&amp;Find case</source>
        <translation>사건 찾기(&amp;F)</translation>
    </message>
    <message>
        <source>Search the case list</source>
        <translation>사건 목록에서 검색합니다</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>새로 고침(&amp;R)</translation>
    </message>
    <message>
        <source>Read cases, evidence and the custody log again</source>
        <translation>사건, 증거물, 관리연속성 로그를 다시 불러옵니다</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>종료(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>프로그램 정보(&amp;A)</translation>
    </message>
    <message>
        <source>Add &amp;examiner…</source>
        <translation>분석관 추가(&amp;E)…</translation>
    </message>
    <message>
        <source>Create an account for another examiner</source>
        <translation>다른 분석관의 계정을 만듭니다</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>로그 폴더 열기(&amp;L)</translation>
    </message>
    <message>
        <source>Show the folder with the log files</source>
        <translation>로그 파일이 있는 폴더를 엽니다</translation>
    </message>
    <message>
        <source>E&amp;vidence</source>
        <translation>증거물(&amp;V)</translation>
    </message>
    <message>
        <source>Cases, evidence items and the custody log</source>
        <translation>사건, 증거물, 관리연속성 로그</translation>
    </message>
    <message>
        <source>&amp;Block requests</source>
        <translation>차단 요청(&amp;B)</translation>
    </message>
    <message>
        <source>Use-suspension requests for illegal-ad numbers, across all cases</source>
        <translation>불법광고 전화번호 이용중지 요청 (전체 사건)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Case</source>
        <translation>사건(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Evidence</source>
        <translation>증거물(&amp;E)</translation>
    </message>
    <message>
        <source>Block &amp;requests</source>
        <translation>차단 요청(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>설정(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>Work areas</source>
        <translation>작업 영역</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>기본 도구 모음</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>Examiner: {label} · {role}</source>
        <translation>분석관: {label} · {role}</translation>
    </message>
    <message>
        <source>Team DB</source>
        <translation>팀 DB</translation>
    </message>
    <message>
        <source>Local DB</source>
        <translation>로컬 DB</translation>
    </message>
    <message>
        <source>Forensics Workstation</source>
        <translation>디지털 포렌식 워크스테이션</translation>
    </message>
    <message>
        <source>Case {number} created.</source>
        <translation>사건 {number}이(가) 생성되었습니다.</translation>
    </message>
    <message>
        <source>Close case</source>
        <translation>사건 종결</translation>
    </message>
    <message>
        <source>Close case {number}?

No evidence can be added to a closed case until it is reopened. The closing is recorded in the custody log.</source>
        <translation>사건 {number}을(를) 종결하시겠습니까?

종결된 사건에는 재개하기 전까지 증거물을 추가할 수 없습니다. 종결 처리는 관리연속성 로그에 기록됩니다.</translation>
    </message>
    <message>
        <source>Archive case</source>
        <translation>사건 보존 처리</translation>
    </message>
    <message>
        <source>Archive case {number}?

Archived cases are hidden from the open list; they can be reopened.</source>
        <translation>사건 {number}을(를) 보존 처리하시겠습니까?

보존된 사건은 진행 중 목록에 표시되지 않으며, 필요하면 재개할 수 있습니다.</translation>
    </message>
    <message>
        <source>Case {number} is now {status}.</source>
        <translation>사건 {number}의 상태가 &apos;{status}&apos;(으)로 변경되었습니다.</translation>
    </message>
    <message>
        <source>Verifying case {number}…</source>
        <translation>사건 {number} 검증 중…</translation>
    </message>
    <message>
        <source>Report folder to verify</source>
        <translation>검증할 보고서 폴더</translation>
    </message>
    <message>
        <source>Submission package or report with a signed head</source>
        <translation>서명된 마지막 기록이 들어 있는 제출 패키지 또는 보고서</translation>
    </message>
    <message>
        <source>Packages and reports (*.zip *.json *.html *.txt);;All files (*)</source>
        <translation>패키지 및 보고서 (*.zip *.json *.html *.txt);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Language set to {name}. It takes effect when the program is restarted.</source>
        <translation>언어를 {name}(으)로 설정했습니다. 프로그램을 다시 시작하면 적용됩니다.</translation>
    </message>
    <message>
        <source>Restart to change the language</source>
        <translation>언어를 바꾸려면 다시 시작</translation>
    </message>
    <message>
        <source>The workstation shows {name} from its next start. Restart it now?</source>
        <translation>다음 시작부터 {name}(으)로 표시됩니다. 지금 다시 시작하시겠습니까?</translation>
    </message>
    <message>
        <source>Running tasks are cancelled first; everything stored stays stored.</source>
        <translation>실행 중인 작업은 먼저 취소되며, 저장된 내용은 그대로 남습니다.</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>지금 다시 시작</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>나중에</translation>
    </message>
    <message>
        <source>About Forensics Workstation</source>
        <translation>디지털 포렌식 워크스테이션 정보</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Forensics Workstation {version}&lt;/h3&gt;&lt;p&gt;Cases, seized evidence, integrity hashes (SHA-256 + MD5) and a tamper-evident chain of custody log.&lt;/p&gt;&lt;p&gt;Database: {location}&lt;br&gt;Examiner: {examiner}&lt;br&gt;Log files: {logs}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;디지털 포렌식 워크스테이션 {version}&lt;/h3&gt;&lt;p&gt;사건, 압수 증거물, 무결성 해시(SHA-256 + MD5), 위변조 탐지가 가능한 관리연속성(CoC) 로그를 관리합니다.&lt;/p&gt;&lt;p&gt;데이터베이스: {location}&lt;br&gt;분석관: {examiner}&lt;br&gt;로그 파일: {logs}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Examiner {label} added.</source>
        <translation>분석관 {label}을(를) 추가했습니다.</translation>
    </message>
    <message>
        <source>Tasks are running</source>
        <translation>작업이 진행 중입니다</translation>
    </message>
    <message>
        <source>{n} task(s) still running. Cancel them and quit?

Work finished so far stays recorded.</source>
        <translation>작업 {n}개가 아직 진행 중입니다. 작업을 취소하고 종료하시겠습니까?

지금까지 완료된 작업은 기록으로 남습니다.</translation>
    </message>
</context>
<context>
    <name>MappingEditor</name>
    <message>
        <source>Column mapping</source>
        <translation>열 매핑</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>파일을 고르지 않았습니다</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>파일 선택…</translation>
    </message>
    <message>
        <source>Export file:</source>
        <translation>내보내기 파일:</translation>
    </message>
    <message>
        <source>Mapping</source>
        <translation>매핑</translation>
    </message>
    <message>
        <source>(new mapping)</source>
        <translation>(새 매핑)</translation>
    </message>
    <message>
        <source>{title} (unverified)</source>
        <translation>{title} (미검증)</translation>
    </message>
    <message>
        <source>Start from:</source>
        <translation>기준 매핑:</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>통화</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>연락처</translation>
    </message>
    <message>
        <source>Rows are:</source>
        <translation>행의 종류:</translation>
    </message>
    <message>
        <source>first sheet</source>
        <translation>첫 시트</translation>
    </message>
    <message>
        <source>Sheet (XLSX):</source>
        <translation>시트(XLSX):</translation>
    </message>
    <message>
        <source>Column names in row:</source>
        <translation>열 이름이 있는 행:</translation>
    </message>
    <message>
        <source>automatic (UTF-8 or CP949)</source>
        <translation>자동 (UTF-8 또는 CP949)</translation>
    </message>
    <message>
        <source>Encoding (CSV):</source>
        <translation>인코딩(CSV):</translation>
    </message>
    <message>
        <source>Times without an offset are in:</source>
        <translation>시간대 표시가 없는 시각의 시간대:</translation>
    </message>
    <message>
        <source>Which column holds which field</source>
        <translation>항목별 열</translation>
    </message>
    <message>
        <source>First rows of the file (mapped columns shaded):</source>
        <translation>파일의 첫 행들(매핑된 열은 음영 표시):</translation>
    </message>
    <message>
        <source>name, e.g. lab_sms</source>
        <translation>이름(예: lab_sms)</translation>
    </message>
    <message>
        <source>description</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>Save as:</source>
        <translation>저장 이름:</translation>
    </message>
    <message>
        <source>saved in the mapping editor</source>
        <translation>매핑 편집기에서 저장함</translation>
    </message>
    <message>
        <source>(not in this file)</source>
        <translation>(이 파일에 없음)</translation>
    </message>
    <message>
        <source>Export file</source>
        <translation>내보내기 파일</translation>
    </message>
    <message>
        <source>Tables (*.csv *.tsv *.txt *.xlsx *.xlsm);;All files (*)</source>
        <translation>표 파일 (*.csv *.tsv *.txt *.xlsx *.xlsm);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>일시</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>전화번호</translation>
    </message>
    <message>
        <source>Second number</source>
        <translation>두 번째 번호</translation>
    </message>
    <message>
        <source>Third number</source>
        <translation>세 번째 번호</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>이메일</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>내용</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>제목</translation>
    </message>
    <message>
        <source>Direction (in/out)</source>
        <translation>방향(수신/발신)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>서비스</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>대화방</translation>
    </message>
    <message>
        <source>Call type</source>
        <translation>통화 종류</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>통화 시간</translation>
    </message>
    <message>
        <source>App</source>
        <translation>앱</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>소속</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>삭제됨</translation>
    </message>
    <message>
        <source>Row id</source>
        <translation>행 ID</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Cannot complete the action</source>
        <translation>작업을 완료할 수 없습니다</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Reason, receipt number, who was present…</source>
        <translation>사유, 인수증 번호, 입회인 등…</translation>
    </message>
    <message>
        <source>Note (kept in the custody log)</source>
        <translation>메모 (관리연속성 로그에 기록됨)</translation>
    </message>
</context>
<context>
    <name>NumberErrors</name>
    <message>
        <source>%1 is too short to be a Korean phone number.</source>
        <translation>%1은(는) 국내 전화번호로 보기에는 너무 짧습니다.</translation>
    </message>
    <message>
        <source>%1 is too long to be a Korean phone number.</source>
        <translation>%1은(는) 국내 전화번호로 보기에는 너무 깁니다.</translation>
    </message>
    <message>
        <source>%1 is not a valid Korean phone number.</source>
        <translation>%1은(는) 올바른 국내 전화번호가 아닙니다.</translation>
    </message>
    <message>
        <source>010 mobile numbers have 8 digits after 010 (010-1234-5678).</source>
        <translation>010 휴대전화 번호는 010 뒤에 8자리입니다(010-1234-5678).</translation>
    </message>
    <message>
        <source>070 VoIP numbers have 8 digits after 070 (070-1234-5678).</source>
        <translation>070 인터넷전화 번호는 070 뒤에 8자리입니다(070-1234-5678).</translation>
    </message>
    <message>
        <source>050x personal numbers look like 0505-1234-5678 or 0504-123-4567.</source>
        <translation>050x 개인번호는 0505-1234-5678 또는 0504-123-4567 형태입니다.</translation>
    </message>
    <message>
        <source>15xx/16xx/18xx numbers have 8 digits (1588-1234).</source>
        <translation>15xx/16xx/18xx 번호는 8자리입니다(1588-1234).</translation>
    </message>
    <message>
        <source>15xx/16xx/18xx numbers have 8 digits (1644-1234).</source>
        <translation>15xx/16xx/18xx 번호는 8자리입니다(1644-1234).</translation>
    </message>
    <message>
        <source>15xx/16xx/18xx numbers have 8 digits (1800-1234).</source>
        <translation>15xx/16xx/18xx 번호는 8자리입니다(1800-1234).</translation>
    </message>
    <message>
        <source>080 toll-free numbers look like 080-123-4567.</source>
        <translation>080 수신자 부담 번호는 080-123-4567 형태입니다.</translation>
    </message>
    <message>
        <source>Seoul numbers look like 02-123-4567 or 02-1234-5678.</source>
        <translation>서울 번호는 02-123-4567 또는 02-1234-5678 형태입니다.</translation>
    </message>
    <message>
        <source>Area-code numbers look like 031-123-4567 or 031-1234-5678.</source>
        <translation>지역번호 전화는 031-123-4567 또는 031-1234-5678 형태입니다.</translation>
    </message>
</context>
<context>
    <name>NumberOccurrencesPanel</name>
    <message>
        <source>Record as sighting</source>
        <translation>목격으로 기록</translation>
    </message>
    <message>
        <source>Record the chosen message, call or contact as a sighting of this number; block requests can cite it as evidence.</source>
        <translation>선택한 메시지, 통화 또는 연락처를 이 번호의 목격으로 기록합니다. 이용중지 요청의 증거로 쓸 수 있습니다.</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>분류:</translation>
    </message>
    <message>
        <source>On seized phones: %1</source>
        <translation>압수 휴대전화에서: %1건</translation>
    </message>
    <message>
        <source>No number chosen.</source>
        <translation>선택한 번호가 없습니다.</translation>
    </message>
</context>
<context>
    <name>NumberRegistryModel</name>
    <message>
        <source>Number</source>
        <translation>전화번호</translation>
    </message>
    <message>
        <source>E.164</source>
        <translation>E.164</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>번호 유형</translation>
    </message>
    <message>
        <source>Sightings</source>
        <translation>발견 횟수</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>최초 발견</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>최근 발견</translation>
    </message>
</context>
<context>
    <name>NumberSummaryModel</name>
    <message>
        <source>Number</source>
        <translation>전화번호</translation>
    </message>
    <message>
        <source>E.164</source>
        <translation>E.164</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>번호 유형</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>광고 유형</translation>
    </message>
    <message>
        <source>Flyers</source>
        <translation>전단지</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>사진</translation>
    </message>
    <message>
        <source>Unreviewed</source>
        <translation>미검토</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>승인</translation>
    </message>
    <message>
        <source>Corrected</source>
        <translation>수정</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>거부</translation>
    </message>
</context>
<context>
    <name>NumbersPage</name>
    <message>
        <source>Search number (digits)</source>
        <translation>전화번호 검색 (숫자)</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>모든 유형</translation>
    </message>
    <message>
        <source>Only numbers seen at least this many times</source>
        <translation>이 횟수 이상 발견된 번호만 표시합니다</translation>
    </message>
    <message>
        <source>Min. sightings</source>
        <translation>최소 발견 횟수</translation>
    </message>
    <message>
        <source>Add sighting…</source>
        <translation>발견 내역 추가…</translation>
    </message>
    <message>
        <source>Record a number seen on a flyer, typed in by hand</source>
        <translation>전단지에서 발견한 번호를 직접 입력하여 등록합니다</translation>
    </message>
    <message>
        <source>Reading numbers</source>
        <translation>번호 목록 읽는 중</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>번호 유형</translation>
    </message>
    <message>
        <source>Sightings</source>
        <translation>발견 횟수</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>최초 발견</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>최근 발견</translation>
    </message>
    <message>
        <source>Ad categories</source>
        <translation>광고 유형</translation>
    </message>
    <message>
        <source>Areas</source>
        <translation>발견 지역</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>이용중지 요청</translation>
    </message>
    <message>
        <source>Select a number to see its sightings and requests.</source>
        <translation>번호를 선택하면 발견 내역과 요청이 표시됩니다.</translation>
    </message>
    <message>
        <source>Only case %1</source>
        <translation>사건 %1만</translation>
    </message>
    <message>
        <source>Only the selected case</source>
        <translation>선택한 사건만</translation>
    </message>
    <message>
        <source>%1 numbers</source>
        <translation>번호 %1건</translation>
    </message>
    <message>
        <source>%1 number</source>
        <translation>번호 %1건</translation>
    </message>
    <message>
        <source>No numbers yet. They come from flyer photos read by the OCR (once the time they were collected is known), from numbers on seized phones recorded as sightings, and from sightings added by hand (“Add sighting…”).</source>
        <translation>아직 번호가 없습니다. 번호는 OCR로 판독한 전단지 사진(수거 시각을 알 때), 발견 내역으로 기록한 압수 휴대전화의 번호, 직접 추가한 발견 내역(“발견 내역 추가…”)에서 옵니다.</translation>
    </message>
    <message>
        <source>No number matches the filters.</source>
        <translation>필터에 맞는 번호가 없습니다.</translation>
    </message>
    <message>
        <source>%1 of %2 numbers</source>
        <translation>번호 %2건 중 %1건</translation>
    </message>
    <message>
        <source>Reading the number&apos;s sightings</source>
        <translation>번호의 발견 내역 읽는 중</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <source>Sightings (loading…)</source>
        <translation>발견 내역 (불러오는 중…)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>Sightings (newest %1 of %2)</source>
        <translation>발견 내역 (%2건 중 최근 %1건)</translation>
    </message>
    <message>
        <source>Sightings (%1)</source>
        <translation>발견 내역 (%1)</translation>
    </message>
</context>
<context>
    <name>OffsetDialog</name>
    <message>
        <source>Workstation (%1)</source>
        <translation>워크스테이션 (%1)</translation>
    </message>
    <message>
        <source>Korea (KST)</source>
        <translation>한국 (KST)</translation>
    </message>
    <message>
        <source>Recorder clock offset — %1</source>
        <translation>녹화기 시계 오차 — %1</translation>
    </message>
    <message>
        <source>The date and time on the recorder&apos;s screen, as shown</source>
        <translation>녹화기 화면에 표시된 날짜와 시각 (보이는 그대로)</translation>
    </message>
    <message>
        <source>The true time at the same moment (a reference clock, e.g. a phone&apos;s network time)</source>
        <translation>같은 순간의 실제 시각 (기준 시계, 예: 휴대전화 네트워크 시각)</translation>
    </message>
    <message>
        <source>How the reference was taken, e.g. photo of both clocks</source>
        <translation>기준 시각을 얻은 방법, 예: 두 시계를 함께 찍은 사진</translation>
    </message>
    <message>
        <source>Recorded before: %1 (offset %2 s) by %3</source>
        <translation>이전 기록: %1 (오차 %2초), 기록자 %3</translation>
    </message>
    <message>
        <source>Recorder showed</source>
        <translation>녹화기 표시 시각</translation>
    </message>
    <message>
        <source>Recorder&apos;s zone</source>
        <translation>녹화기 시간대</translation>
    </message>
    <message>
        <source>Reference time</source>
        <translation>기준 시각</translation>
    </message>
    <message>
        <source>Reference zone</source>
        <translation>기준 시간대</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>Record offset</source>
        <translation>오차 기록</translation>
    </message>
    <message>
        <source>offset = recorder − reference; every clip&apos;s corrected time = recorder time − offset. The offset is kept with who recorded it and when.</source>
        <translation>오차 = 녹화기 − 기준; 각 영상의 보정 시각 = 녹화기 시각 − 오차. 오차는 기록자와 기록 시각과 함께 보관됩니다.</translation>
    </message>
</context>
<context>
    <name>OsdRegionDialog</name>
    <message>
        <source>On-screen clock of %1</source>
        <translation>%1의 화면 시계</translation>
    </message>
    <message>
        <source>Read it here</source>
        <translation>여기서 판독</translation>
    </message>
    <message>
        <source>Find it by itself</source>
        <translation>자동으로 찾기</translation>
    </message>
    <message>
        <source>Forget the drawn region: the clock is searched for again</source>
        <translation>지정한 영역을 버리고 시계를 다시 찾습니다</translation>
    </message>
    <message>
        <source>Drag a rectangle round the date and time on the picture.</source>
        <translation>화면의 날짜와 시각을 사각형으로 드래그해 둘러싸세요.</translation>
    </message>
</context>
<context>
    <name>OverdueModel</name>
    <message>
        <source>Request</source>
        <translation>요청번호</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>전화번호</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>요청 경로</translation>
    </message>
    <message>
        <source>Waiting for</source>
        <translation>대기 중인 회신</translation>
    </message>
    <message>
        <source>Waiting since</source>
        <translation>대기 시작</translation>
    </message>
    <message>
        <source>Answer due</source>
        <translation>회신 기한</translation>
    </message>
</context>
<context>
    <name>PathListWidget</name>
    <message>
        <source>Drop files or folders here</source>
        <translation>파일이나 폴더를 이곳에 끌어다 놓으십시오</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>파일 추가…</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>폴더 추가…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <source>Folder: every file inside is catalogued</source>
        <translation>폴더: 안의 모든 파일이 등록됩니다</translation>
    </message>
    <message>
        <source>Choose files</source>
        <translation>파일 선택</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>폴더 선택</translation>
    </message>
    <message>
        <source>, in %1 folder(s)</source>
        <translation>, 폴더 %1개</translation>
    </message>
    <message>
        <source>; %1 other file(s) will be skipped</source>
        <translation>; 다른 파일 %1개는 건너뜁니다</translation>
    </message>
    <message>
        <source>Nothing chosen yet. Add files or folders, or drop them on the list.</source>
        <translation>아직 선택한 것이 없습니다. 파일이나 폴더를 추가하거나 목록에 끌어다 놓으십시오.</translation>
    </message>
    <message>
        <source>Cannot read this file</source>
        <translation>이 파일을 읽을 수 없습니다</translation>
    </message>
    <message>
        <source>%1 file(s), %2</source>
        <translation>파일 %1개, %2</translation>
    </message>
    <message>
        <source> — hashed with SHA-256 and MD5.</source>
        <translation> — SHA-256과 MD5로 해시값을 계산합니다.</translation>
    </message>
</context>
<context>
    <name>PhotoNumbersModel</name>
    <message>
        <source>As printed</source>
        <translation>인쇄된 형태</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>전화번호</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>번호 유형</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>확신도</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>광고 유형</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>검토</translation>
    </message>
</context>
<context>
    <name>PhotoPathList</name>
    <message>
        <source>%1 photo(s), %2</source>
        <translation>사진 %1장, %2</translation>
    </message>
    <message>
        <source>, in %1 folder(s)</source>
        <translation>, 폴더 %1개</translation>
    </message>
    <message>
        <source>; %1 other file(s) are not photos and will be skipped</source>
        <translation>; 사진이 아닌 파일 %1개는 건너뜁니다</translation>
    </message>
</context>
<context>
    <name>PhotoView</name>
    <message>
        <source>This photo cannot be shown.</source>
        <translation>이 사진을 표시할 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>ProblemModel</name>
    <message>
        <source>Row</source>
        <translation>행</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>전화번호</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>문제</translation>
    </message>
</context>
<context>
    <name>QueueDialog</name>
    <message>
        <source>Queue blockable numbers</source>
        <translation>차단 대상 번호 일괄 등록</translation>
    </message>
    <message>
        <source>Drafts a use-suspension request for every number with sightings that has no open request on its route — new numbers and numbers seen again after their request was rejected, restored or expired. The drafts then wait for submission and approval.</source>
        <translation>발견 내역이 있으면서 해당 경로에 진행 중인 요청이 없는 모든 번호(새 번호, 그리고 요청이 반려·해제·만료된 뒤 다시 발견된 번호)에 대해 이용중지 요청을 작성합니다. 작성된 요청은 승인 요청과 승인을 거쳐야 합니다.</translation>
    </message>
    <message>
        <source>Send the drafts for approval</source>
        <translation>작성한 요청을 바로 승인 요청</translation>
    </message>
    <message>
        <source>Requesting agency</source>
        <translation>요청 기관</translation>
    </message>
    <message>
        <source>Officer in charge</source>
        <translation>담당자</translation>
    </message>
    <message>
        <source>Routes</source>
        <translation>요청 경로</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>등록</translation>
    </message>
    <message>
        <source>Queueing blockable numbers…</source>
        <translation>차단 대상 번호 등록 중…</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <source>Search number (digits, e.g. 010-1234)</source>
        <translation>전화번호 검색 (숫자, 예: 010-1234)</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>모든 상태</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>진행 중</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>종결</translation>
    </message>
    <message>
        <source>Waiting for an answer</source>
        <translation>회신 대기</translation>
    </message>
    <message>
        <source>All routes</source>
        <translation>모든 경로</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>모든 광고 유형</translation>
    </message>
    <message>
        <source>Any age</source>
        <translation>전체 기간</translation>
    </message>
    <message>
        <source>Created in the last 7 days</source>
        <translation>최근 7일 내 작성</translation>
    </message>
    <message>
        <source>Created in the last 30 days</source>
        <translation>최근 30일 내 작성</translation>
    </message>
    <message>
        <source>Older than 7 days</source>
        <translation>7일 경과</translation>
    </message>
    <message>
        <source>Older than 30 days</source>
        <translation>30일 경과</translation>
    </message>
    <message>
        <source>Older than 90 days</source>
        <translation>90일 경과</translation>
    </message>
    <message>
        <source>Created between…</source>
        <translation>작성일 지정…</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>필터 초기화</translation>
    </message>
    <message>
        <source>%1 requests</source>
        <translation>요청 %1건</translation>
    </message>
    <message>
        <source>%1 of %2 requests</source>
        <translation>요청 %2건 중 %1건</translation>
    </message>
    <message>
        <source>Submit for approval</source>
        <translation>승인 요청</translation>
    </message>
    <message>
        <source>Submit the selected drafts for approval?</source>
        <translation>선택한 작성 중 요청을 승인 요청하시겠습니까?</translation>
    </message>
    <message>
        <source>%1 request(s) selected; those that are not drafts are left alone.</source>
        <translation>요청 %1건을 선택했습니다. 작성 중이 아닌 요청은 그대로 둡니다.</translation>
    </message>
    <message>
        <source>Submitting for approval…</source>
        <translation>승인 요청 중…</translation>
    </message>
    <message>
        <source>None of the selected requests is a draft.</source>
        <translation>선택한 요청 중 작성 중인 요청이 없습니다.</translation>
    </message>
    <message>
        <source>%1 request(s) submitted for approval.</source>
        <translation>요청 %1건을 승인 요청했습니다.</translation>
    </message>
    <message>
        <source>Approve requests</source>
        <translation>요청 승인</translation>
    </message>
    <message>
        <source>Approve the selected requests awaiting approval?</source>
        <translation>선택한 승인 대기 요청을 승인하시겠습니까?</translation>
    </message>
    <message>
        <source>%1 request(s) selected; those not awaiting approval are left alone. Nobody may approve a request they drafted.</source>
        <translation>요청 %1건을 선택했습니다. 승인 대기가 아닌 요청은 그대로 둡니다. 본인이 작성한 요청은 승인할 수 없습니다.</translation>
    </message>
    <message>
        <source>Approving needs the reviewer or administrator role.</source>
        <translation>승인하려면 검토자 또는 관리자 역할이 필요합니다.</translation>
    </message>
    <message>
        <source>You drafted this request: another person must approve it (four-eyes rule).</source>
        <translation>본인이 작성한 요청입니다. 다른 사람이 승인해야 합니다(2인 확인 원칙).</translation>
    </message>
    <message>
        <source>Reading requests</source>
        <translation>요청 목록 읽는 중</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <source>Request %1 is not in the database.</source>
        <translation>요청 %1이(가) 데이터베이스에 없습니다.</translation>
    </message>
    <message>
        <source>%1 request</source>
        <translation>요청 %1건</translation>
    </message>
    <message>
        <source>Reading the request</source>
        <translation>요청 읽는 중</translation>
    </message>
    <message>
        <source>Reading the selected requests</source>
        <translation>선택한 요청 읽는 중</translation>
    </message>
    <message>
        <source>%2 of them rest on one machine-read photo that nobody has looked at (marked MACHINE READ ONLY): check those photos first.</source>
        <translation>그중 %2건은 아무도 확인하지 않은 기계 판독 사진 한 장에만 근거합니다(&apos;기계 판독만&apos; 표시). 먼저 그 사진을 확인하십시오.</translation>
    </message>
    <message>
        <source>Approving…</source>
        <translation>승인 중…</translation>
    </message>
    <message>
        <source>None of the selected requests is awaiting approval.</source>
        <translation>선택한 요청 중 승인 대기 중인 요청이 없습니다.</translation>
    </message>
    <message>
        <source>%1 request(s) approved.</source>
        <translation>요청 %1건을 승인했습니다.</translation>
    </message>
    <message>
        <source>%1 selected request(s) were in another state.</source>
        <translation>선택한 요청 중 %1건은 다른 상태여서 그대로 두었습니다.</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was changed.</source>
        <translation>취소했습니다. 변경된 내용은 없습니다.</translation>
    </message>
    <message>
        <source>%1 new request(s) created and sent for approval.</source>
        <translation>새 요청 %1건을 만들어 승인 요청했습니다.</translation>
    </message>
    <message>
        <source>%1 new draft request(s) created.</source>
        <translation>새 요청 %1건을 작성했습니다.</translation>
    </message>
    <message>
        <source>%1 number(s) already had an open request and were skipped.</source>
        <translation>번호 %1건은 이미 진행 중인 요청이 있어 건너뛰었습니다.</translation>
    </message>
    <message>
        <source>Requests are made from sightings of numbers on illegal-ad flyers. A photo without a camera time gives a sighting once its batch&apos;s collection time is given (Flyer photos › When collected…), and a flyer classified “other” waits until its ad category is set in the review.</source>
        <translation>차단 요청은 불법 광고 전단지에서 발견된 번호로 만듭니다. 촬영 시각이 없는 사진은 그 묶음의 수거 일시를 입력해야(전단지 사진(판독) › 수거 일시…) 발견 기록이 되고, “기타”로 분류된 전단지는 판독 화면에서 광고 유형을 지정할 때까지 기다립니다.</translation>
    </message>
    <message>
        <source>Submission package</source>
        <translation>제출 패키지</translation>
    </message>
    <message>
        <source>Submission package written: %1 request(s) are now submitted.</source>
        <translation>제출 패키지를 만들었습니다. 요청 %1건이 제출 완료 상태가 되었습니다.</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>파일: %1</translation>
    </message>
    <message>
        <source>SHA-256: %1</source>
        <translation>SHA-256: %1</translation>
    </message>
    <message>
        <source>Size: %1</source>
        <translation>크기: %1</translation>
    </message>
    <message>
        <source>%1 selected request(s) were not approved and were left out.</source>
        <translation>선택한 요청 중 %1건은 승인 완료 상태가 아니어서 제외했습니다.</translation>
    </message>
    <message>
        <source>%1 photo(s) were missing and are named in the list as not included.</source>
        <translation>사진 %1장이 없어 목록에 미포함으로 표시했습니다.</translation>
    </message>
    <message>
        <source>%1 suspension(s) past their last day are now expired.</source>
        <translation>기간이 끝난 이용중지 %1건을 만료 처리했습니다.</translation>
    </message>
    <message>
        <source>No suspension is past its last day.</source>
        <translation>기간이 끝난 이용중지가 없습니다.</translation>
    </message>
    <message>
        <source>Expire suspensions</source>
        <translation>기간 만료 처리</translation>
    </message>
    <message>
        <source>Close every suspension whose last day has passed?</source>
        <translation>이용중지 기간이 끝난 요청을 모두 만료 처리하시겠습니까?</translation>
    </message>
    <message>
        <source>Expiring suspensions…</source>
        <translation>기간 만료 처리 중…</translation>
    </message>
    <message>
        <source>Submit selected for approval…</source>
        <translation>선택한 요청 승인 요청…</translation>
    </message>
    <message>
        <source>Approve selected…</source>
        <translation>선택한 요청 승인…</translation>
    </message>
    <message>
        <source>Export submission package…</source>
        <translation>제출 패키지 내보내기…</translation>
    </message>
    <message>
        <source>The photo is not at its recorded place: %1</source>
        <translation>사진이 기록된 위치에 없습니다: %1</translation>
    </message>
    <message>
        <source>Block requests</source>
        <translation>차단 요청</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Case report</source>
        <translation>사건 보고서</translation>
    </message>
    <message>
        <source>Report of case %1: %2</source>
        <translation>사건 %1 보고서: %2</translation>
    </message>
    <message>
        <source>Chosen below</source>
        <translation>아래에서 직접 선택</translation>
    </message>
    <message>
        <source>From</source>
        <translation>시작일</translation>
    </message>
    <message>
        <source>To (inclusive)</source>
        <translation>종료일(포함)</translation>
    </message>
    <message>
        <source>HTML (opens in any browser)</source>
        <translation>HTML(모든 브라우저에서 열림)</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>Excel (XLSX)</source>
        <translation>엑셀(XLSX)</translation>
    </message>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>Folder the report goes into</source>
        <translation>보고서를 저장할 폴더</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>선택…</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>구성</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>수록 항목</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>기간</translation>
    </message>
    <message>
        <source>Formats</source>
        <translation>형식</translation>
    </message>
    <message>
        <source>Report language</source>
        <translation>보고서 언어</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>폴더</translation>
    </message>
    <message>
        <source>Report name</source>
        <translation>보고서 이름</translation>
    </message>
    <message>
        <source>Preview: what the PDF will show.</source>
        <translation>미리보기: PDF에 표시될 내용입니다.</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>미리보기</translation>
    </message>
    <message>
        <source>Open report</source>
        <translation>보고서 열기</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>폴더 열기</translation>
    </message>
    <message>
        <source>Make report</source>
        <translation>보고서 생성</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Folder for the report</source>
        <translation>보고서를 저장할 폴더</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>기간의 종료일이 시작일보다 앞섭니다.</translation>
    </message>
    <message>
        <source>Preparing the preview…</source>
        <translation>미리보기 준비 중…</translation>
    </message>
    <message>
        <source>Making the report…</source>
        <translation>보고서 생성 중…</translation>
    </message>
    <message>
        <source>Report written to %1. Manifest SHA-256 %2, recorded in the custody log.</source>
        <translation>보고서를 %1에 저장했습니다. 매니페스트 SHA-256 %2 값을 관리연속성 로그에 기록했습니다.</translation>
    </message>
</context>
<context>
    <name>RequestDetailPanel</name>
    <message>
        <source>OVERDUE</source>
        <translation>기한 초과</translation>
    </message>
    <message>
        <source>MACHINE READ ONLY</source>
        <translation>기계 판독만</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>전화번호</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>번호 유형</translation>
    </message>
    <message>
        <source>Ad category</source>
        <translation>광고 유형</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>요청 경로</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>법적 근거</translation>
    </message>
    <message>
        <source>Requesting agency</source>
        <translation>요청 기관</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>담당자</translation>
    </message>
    <message>
        <source>Drafted by</source>
        <translation>작성자</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>승인자</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>작성 일시</translation>
    </message>
    <message>
        <source>State since</source>
        <translation>현 상태 시작</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>제출 일시</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>통신사</translation>
    </message>
    <message>
        <source>Answer reference</source>
        <translation>회신 문서번호</translation>
    </message>
    <message>
        <source>Suspension</source>
        <translation>이용중지 기간</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>기한</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>종결 일시</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>비고</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>증거</translation>
    </message>
    <message>
        <source>History</source>
        <translation>처리 이력</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>처리</translation>
    </message>
    <message>
        <source>Select a request to see its evidence, history and the possible steps.</source>
        <translation>요청을 선택하면 증거, 처리 이력과 가능한 처리가 표시됩니다.</translation>
    </message>
    <message>
        <source>Loading the request…</source>
        <translation>요청을 불러오는 중…</translation>
    </message>
    <message>
        <source>Nobody has looked at this number: every sighting is one read the OCR accepted on its own, from one photo (%1), confidence %2. Check the photo before approving.</source>
        <translation>아직 아무도 이 번호를 확인하지 않았습니다. 모든 발견 기록이 사진 한 장(%1)에서 OCR이 스스로 승인한 판독 하나뿐이며, 확신도는 %2입니다. 승인하기 전에 사진을 확인하십시오.</translation>
    </message>
    <message>
        <source>Request %1 · %2</source>
        <translation>요청 %1 · %2</translation>
    </message>
    <message>
        <source>(package %1)</source>
        <translation>(패키지 %1)</translation>
    </message>
    <message>
        <source>Evidence (%1)</source>
        <translation>증거 (%1)</translation>
    </message>
    <message>
        <source>History (%1)</source>
        <translation>처리 이력 (%1)</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>기한 지남</translation>
    </message>
    <message>
        <source>Not possible while the request is %1</source>
        <translation>요청이 ‘%1’ 상태일 때는 할 수 없습니다</translation>
    </message>
    <message>
        <source>Answer expected by %1, %2 hours after %3</source>
        <translation>회신 기한 %1 (%3부터 %2시간)</translation>
    </message>
    <message>
        <source>The subscriber may object until %1 (%2 days after the suspension began on %3; days in %4)</source>
        <translation>가입자 이의신청 기한 %1까지 (이용중지 시작일 %3부터 %2일, 날짜는 %4 기준)</translation>
    </message>
    <message>
        <source>The objection is to be decided by %1 (%2 days after it was filed on %3; days in %4)</source>
        <translation>이의신청 결정 기한 %1까지 (신청일 %3부터 %2일, 날짜는 %4 기준)</translation>
    </message>
</context>
<context>
    <name>RequestSteps</name>
    <message>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>Submit for approval…</source>
        <translation>승인 요청…</translation>
    </message>
    <message>
        <source>Submit for approval</source>
        <translation>승인 요청</translation>
    </message>
    <message>
        <source>Approve…</source>
        <translation>승인…</translation>
    </message>
    <message>
        <source>Approve request</source>
        <translation>요청 승인</translation>
    </message>
    <message>
        <source>Return to draft…</source>
        <translation>보완 요구(반송)…</translation>
    </message>
    <message>
        <source>Return to draft</source>
        <translation>보완 요구(반송)</translation>
    </message>
    <message>
        <source>What must be changed</source>
        <translation>보완할 내용</translation>
    </message>
    <message>
        <source>Record suspension…</source>
        <translation>이용중지 회신 기록…</translation>
    </message>
    <message>
        <source>Record suspension</source>
        <translation>이용중지 회신 기록</translation>
    </message>
    <message>
        <source>Suspended from</source>
        <translation>이용중지 시작일</translation>
    </message>
    <message>
        <source>Record rejection…</source>
        <translation>반려 회신 기록…</translation>
    </message>
    <message>
        <source>Record rejection</source>
        <translation>반려 회신 기록</translation>
    </message>
    <message>
        <source>Rejected on</source>
        <translation>반려일</translation>
    </message>
    <message>
        <source>File objection…</source>
        <translation>이의신청 접수…</translation>
    </message>
    <message>
        <source>Objection filed by the subscriber</source>
        <translation>가입자 이의신청 접수</translation>
    </message>
    <message>
        <source>What the subscriber says</source>
        <translation>이의신청 내용</translation>
    </message>
    <message>
        <source>Uphold objection…</source>
        <translation>이의신청 인용…</translation>
    </message>
    <message>
        <source>Uphold the objection</source>
        <translation>이의신청 인용</translation>
    </message>
    <message>
        <source>Reasons for the decision</source>
        <translation>결정 사유</translation>
    </message>
    <message>
        <source>Deny objection…</source>
        <translation>이의신청 기각…</translation>
    </message>
    <message>
        <source>Deny the objection (the suspension continues)</source>
        <translation>이의신청 기각 (이용중지 유지)</translation>
    </message>
    <message>
        <source>Request lift…</source>
        <translation>해제 요청…</translation>
    </message>
    <message>
        <source>Ask for the suspension to be lifted</source>
        <translation>이용중지 해제 요청</translation>
    </message>
    <message>
        <source>Record restoration…</source>
        <translation>해제 회신 기록…</translation>
    </message>
    <message>
        <source>Record restoration of the line</source>
        <translation>이용 재개(해제) 회신 기록</translation>
    </message>
    <message>
        <source>Restored on</source>
        <translation>해제일</translation>
    </message>
    <message>
        <source>Record termination…</source>
        <translation>해지 회신 기록…</translation>
    </message>
    <message>
        <source>Record termination of the line</source>
        <translation>회선 해지 회신 기록</translation>
    </message>
    <message>
        <source>Terminated on</source>
        <translation>해지일</translation>
    </message>
    <message>
        <source>Withdraw…</source>
        <translation>철회…</translation>
    </message>
    <message>
        <source>Withdraw request</source>
        <translation>요청 철회</translation>
    </message>
    <message>
        <source>Reason for withdrawing</source>
        <translation>철회 사유</translation>
    </message>
</context>
<context>
    <name>RequestTableModel</name>
    <message>
        <source>ID</source>
        <translation>요청번호</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>전화번호</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>번호 유형</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>요청 경로</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>광고 유형</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>작성 일시</translation>
    </message>
    <message>
        <source>Overdue: %1</source>
        <translation>기한 초과: %1</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>담당자</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>통신사</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>기한 초과</translation>
    </message>
    <message>
        <source>Since %1</source>
        <translation>%1부터</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>경과일</translation>
    </message>
    <message>
        <source>OVERDUE</source>
        <translation>기한 초과</translation>
    </message>
</context>
<context>
    <name>ResponseImportDialog</name>
    <message>
        <source>Import response file</source>
        <translation>회신 파일 가져오기</translation>
    </message>
    <message>
        <source>A CSV or Excel file of answers from the ministry or the carriers (number, result, carrier, reference, dates). Check it first: rows that cannot be applied are listed with the reason; Apply then records the good rows.</source>
        <translation>과학기술정보통신부 또는 통신사가 보낸 회신(전화번호, 처리결과, 통신사, 접수번호, 처리일자)을 담은 CSV 또는 엑셀 파일입니다. 먼저 검사하면 반영할 수 없는 행이 사유와 함께 표시되고, ‘반영’을 누르면 정상 행이 기록됩니다.</translation>
    </message>
    <message>
        <source>Response file (.csv, .xlsx)</source>
        <translation>회신 파일 (.csv, .xlsx)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Apply nothing unless every row is good</source>
        <translation>모든 행이 정상일 때만 반영</translation>
    </message>
    <message>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>문제</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>반영됨</translation>
    </message>
    <message>
        <source>Check file</source>
        <translation>파일 검사</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>반영</translation>
    </message>
    <message>
        <source>Response file</source>
        <translation>회신 파일</translation>
    </message>
    <message>
        <source>Response files (*.csv *.xlsx);;All files (*)</source>
        <translation>회신 파일 (*.csv *.xlsx);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Choose a file and check it.</source>
        <translation>파일을 선택하고 검사하십시오.</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>%1 검사 중…</translation>
    </message>
    <message>
        <source>%1 data row(s) read (%2). %3 can be applied, %4 cannot (listed below).</source>
        <translation>데이터 %1행을 읽었습니다(%2). %3행은 반영할 수 있고 %4행은 반영할 수 없습니다(아래 목록).</translation>
    </message>
    <message>
        <source>Applying %1…</source>
        <translation>%1 반영 중…</translation>
    </message>
    <message>
        <source>%1 row(s) applied; %2 problem(s) not applied (listed).</source>
        <translation>%1행을 반영했습니다. 문제 %2건은 반영하지 않았습니다(목록 참조).</translation>
    </message>
    <message>
        <source>Nothing was applied: %1 problem(s), and every row must be good.</source>
        <translation>반영하지 않았습니다. 문제가 %1건 있으며, 모든 행이 정상이어야 합니다.</translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation>문제 (%1)</translation>
    </message>
    <message>
        <source>Applied (%1)</source>
        <translation>반영됨 (%1)</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>축소 (Ctrl+-)</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>확대 (Ctrl++)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>맞춤</translation>
    </message>
    <message>
        <source>Whole photo (Ctrl+0)</source>
        <translation>사진 전체 (Ctrl+0)</translation>
    </message>
    <message>
        <source>One photo pixel per screen pixel</source>
        <translation>사진 픽셀 하나를 화면 픽셀 하나로 표시</translation>
    </message>
    <message>
        <source>Accept (A)</source>
        <translation>승인 (A)</translation>
    </message>
    <message>
        <source>The number was read right</source>
        <translation>번호가 올바르게 판독되었습니다</translation>
    </message>
    <message>
        <source>Reject (R)</source>
        <translation>거부 (R)</translation>
    </message>
    <message>
        <source>Not a phone number on this flyer</source>
        <translation>이 전단지의 전화번호가 아닙니다</translation>
    </message>
    <message>
        <source>Correct… (C)</source>
        <translation>수정… (C)</translation>
    </message>
    <message>
        <source>Enter the number as it is printed</source>
        <translation>인쇄된 그대로 번호를 입력합니다</translation>
    </message>
    <message>
        <source>◀ Previous (P)</source>
        <translation>◀ 이전 (P)</translation>
    </message>
    <message>
        <source>Back to the number shown before</source>
        <translation>바로 전에 본 번호로 돌아갑니다</translation>
    </message>
    <message>
        <source>Next unsure ▶ (N)</source>
        <translation>다음 미확인 ▶ (N)</translation>
    </message>
    <message>
        <source>The next number to review in this case: unreviewed first, least sure first</source>
        <translation>이 사건에서 다음에 검토할 번호 (미검토 먼저, 확신도 낮은 순)</translation>
    </message>
    <message>
        <source>Undo (U)</source>
        <translation>되돌리기(U)</translation>
    </message>
    <message>
        <source>Take back the last verdict (recorded as a new verdict in the custody log)</source>
        <translation>마지막 판정을 되돌립니다(관리 이력에 새 판정으로 기록됨)</translation>
    </message>
    <message>
        <source>Next after verdict</source>
        <translation>판정 후 다음으로</translation>
    </message>
    <message>
        <source>After accept, reject or correct, go on to the next unsure number</source>
        <translation>승인·거부·수정 후 다음 미확인 번호로 넘어갑니다</translation>
    </message>
    <message>
        <source>On this photo</source>
        <translation>이 사진의 번호</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <source>Examiner</source>
        <translation>분석관</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>검토관</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>관리자</translation>
    </message>
</context>
<context>
    <name>SightingDialog</name>
    <message>
        <source>Add sighting</source>
        <translation>발견 내역 추가</translation>
    </message>
    <message>
        <source>As printed, e.g. O1O-l234-5678 or 공일공…</source>
        <translation>인쇄된 그대로, 예: O1O-l234-5678 또는 공일공…</translation>
    </message>
    <message>
        <source>Where the flyer was found</source>
        <translation>전단지를 발견한 장소</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>전화번호</translation>
    </message>
    <message>
        <source>Ad category</source>
        <translation>광고 유형</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>발견 장소</translation>
    </message>
    <message>
        <source>Seen at (%1)</source>
        <translation>발견 일시 (%1)</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>사건번호</translation>
    </message>
    <message>
        <source>Collected by</source>
        <translation>수거자</translation>
    </message>
    <message>
        <source>Recording the sighting</source>
        <translation>목격 기록 중</translation>
    </message>
    <message>
        <source>The sighting was not recorded.</source>
        <translation>발견 내역을 등록하지 않았습니다.</translation>
    </message>
</context>
<context>
    <name>SightingModel</name>
    <message>
        <source>Seen</source>
        <translation>발견 일시</translation>
    </message>
    <message>
        <source>Printed as</source>
        <translation>인쇄된 형태</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>광고 유형</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>발견 장소</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>출처</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>사건번호</translation>
    </message>
    <message>
        <source>Collector</source>
        <translation>수거자</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>등록자</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in — Forensics Workstation</source>
        <translation>로그인 — 디지털 포렌식 워크스테이션</translation>
    </message>
    <message>
        <source>Team database (shared)</source>
        <translation>팀 데이터베이스 (공유)</translation>
    </message>
    <message>
        <source>Local database (this computer)</source>
        <translation>로컬 데이터베이스 (이 컴퓨터)</translation>
    </message>
    <message>
        <source>Who is working on this workstation?</source>
        <translation>이 워크스테이션에서 작업할 분석관을 선택하십시오.</translation>
    </message>
    <message>
        <source>Register a new examiner…</source>
        <translation>새 분석관 등록…</translation>
    </message>
    <message>
        <source>Badge number:</source>
        <translation>공무원증 번호:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>비밀번호:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>성명:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>역할:</translation>
    </message>
    <message>
        <source>Repeat password:</source>
        <translation>비밀번호 확인:</translation>
    </message>
    <message>
        <source>← Back to the list</source>
        <translation>← 목록으로 돌아가기</translation>
    </message>
    <message>
        <source>This database has no examiners yet. Create the first one: it becomes the administrator.</source>
        <translation>이 데이터베이스에는 아직 분석관이 없습니다. 첫 분석관을 등록하십시오. 첫 분석관은 관리자가 됩니다.</translation>
    </message>
    <message>
        <source>The new examiner is registered by {name}; the custody log records who added whom.</source>
        <translation>새 분석관은 {name} 명의로 등록되며, 누가 누구를 등록했는지 관리연속성 로그에 기록됩니다.</translation>
    </message>
    <message>
        <source>Create and sign in</source>
        <translation>등록 후 로그인</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>로그인</translation>
    </message>
    <message>
        <source>Choose an examiner from the list.</source>
        <translation>목록에서 분석관을 선택하십시오.</translation>
    </message>
    <message>
        <source>Wrong badge number or password. Try again.</source>
        <translation>공무원증 번호 또는 비밀번호가 올바르지 않습니다. 다시 입력하십시오.</translation>
    </message>
    <message>
        <source>Enter your badge number and password.</source>
        <translation>공무원증 번호와 비밀번호를 입력하십시오.</translation>
    </message>
    <message>
        <source>The password needs at least {n} characters.</source>
        <translation>비밀번호는 {n}자 이상이어야 합니다.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>두 비밀번호가 서로 다릅니다.</translation>
    </message>
    <message>
        <source>Enter a name and a badge number.</source>
        <translation>성명과 공무원증 번호를 입력하십시오.</translation>
    </message>
</context>
<context>
    <name>StateCountModel</name>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>요청 건수</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>Change status of %1</source>
        <translation>%1 상태 변경</translation>
    </message>
    <message>
        <source>Current status</source>
        <translation>현재 상태</translation>
    </message>
    <message>
        <source>New status</source>
        <translation>변경할 상태</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <source>%1 — request %2</source>
        <translation>%1 — 요청 %2</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>요청</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Carrier named in the answer</source>
        <translation>회신에 기재된 통신사</translation>
    </message>
    <message>
        <source>Document or receipt number of the answer</source>
        <translation>회신 문서번호 또는 접수번호</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>종료일 지정</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>통신사</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>문서번호</translation>
    </message>
    <message>
        <source>(otherwise %1 months, as the route says)</source>
        <translation>(지정하지 않으면 경로 기준 %1개월)</translation>
    </message>
    <message>
        <source>Suspended until</source>
        <translation>이용중지 종료일</translation>
    </message>
    <message>
        <source>(required)</source>
        <translation>(필수)</translation>
    </message>
    <message>
        <source>Needs the reviewer or administrator role, and someone other than the person who drafted the request (four-eyes rule).</source>
        <translation>검토관 또는 관리자 권한이 필요하며, 요청을 작성한 사람은 승인할 수 없습니다(이중 확인 원칙).</translation>
    </message>
    <message>
        <source>The request was not changed.</source>
        <translation>요청이 변경되지 않았습니다.</translation>
    </message>
</context>
<context>
    <name>TaskDialog</name>
    <message>
        <source>Cancelled. Nothing was changed.</source>
        <translation>취소했습니다. 변경된 내용은 없습니다.</translation>
    </message>
</context>
<context>
    <name>TaskPanel</name>
    <message>
        <source>hashing</source>
        <translation>해시 계산</translation>
    </message>
    <message>
        <source>verifying</source>
        <translation>검증</translation>
    </message>
    <message>
        <source>checking custody log</source>
        <translation>관리연속성 로그 확인</translation>
    </message>
    <message>
        <source>{seconds} s left</source>
        <translation>{seconds}초 남음</translation>
    </message>
    <message>
        <source>{minutes} min {seconds} s left</source>
        <translation>{minutes}분 {seconds}초 남음</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min left</source>
        <translation>{hours}시간 {minutes}분 남음</translation>
    </message>
</context>
<context>
    <name>TaskRow</name>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Stop this task after the current file</source>
        <translation>현재 파일을 마친 뒤 이 작업을 중지합니다</translation>
    </message>
    <message>
        <source>cancelling…</source>
        <translation>취소하는 중…</translation>
    </message>
</context>
<context>
    <name>TaskStrip</name>
    <message>
        <source>%1 s</source>
        <translation>%1초</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1분</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1시간 %2분</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>취소하는 중…</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>약 %1 남음</translation>
    </message>
</context>
<context>
    <name>TimeSourceDialog</name>
    <message>
        <source>Time source — %1</source>
        <translation>시간 기준 — %1</translation>
    </message>
    <message>
        <source>Why this clock, e.g. the on-screen clock matches the seizure photo</source>
        <translation>이 시계를 고른 이유, 예: 화면 시계가 압수 당시 사진과 일치</translation>
    </message>
    <message>
        <source>Use the</source>
        <translation>사용할 시계</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>이유</translation>
    </message>
    <message>
        <source>The three clocks are kept side by side and never merged; this choice only says which one places the recorder&apos;s clips on the case timeline. A clip without it uses the next one it has, and says so.</source>
        <translation>세 시계는 나란히 보관되며 절대 합치지 않습니다. 이 선택은 녹화기 영상을 사건 타임라인에 놓을 때 어느 시계를 쓸지만 정합니다. 그 시계가 없는 영상은 다음으로 가진 시계를 쓰고 그 사실을 표시합니다.</translation>
    </message>
</context>
<context>
    <name>TimelineChart</name>
    <message>
        <source>Wheel: zoom. Drag: choose a period. Double-click: the whole case.</source>
        <translation>휠: 확대·축소. 끌기: 기간 선택. 두 번 누르기: 사건 전체.</translation>
    </message>
    <message>
        <source>%1 more cameras</source>
        <translation>카메라 %1대 더</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Nothing with a time in this case yet.</source>
        <translation>이 사건에는 아직 시각이 있는 항목이 없습니다.</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>확대</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>축소</translation>
    </message>
    <message>
        <source>Whole case</source>
        <translation>사건 전체</translation>
    </message>
    <message>
        <source>Reading the timeline…</source>
        <translation>타임라인을 읽는 중…</translation>
    </message>
    <message>
        <source>Reading the timeline</source>
        <translation>타임라인 읽는 중</translation>
    </message>
    <message>
        <source>%1 – %2: %3 events</source>
        <translation>%1 – %2: %3건</translation>
    </message>
</context>
<context>
    <name>Verification</name>
    <message>
        <source>Verify {number}</source>
        <translation>{number} 무결성 검증</translation>
    </message>
    <message>
        <source>HASH MISMATCH</source>
        <translation>해시 불일치</translation>
    </message>
    <message>
        <source>file missing</source>
        <translation>파일 없음</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>읽을 수 없음</translation>
    </message>
    <message>
        <source>changed while being read</source>
        <translation>읽는 도중 변경됨</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>정상</translation>
    </message>
    <message>
        <source>Entry {seq} was altered after it was written.</source>
        <translation>기록 {seq}이(가) 작성된 뒤 변경되었습니다.</translation>
    </message>
    <message>
        <source>Entries from {seq} on were deleted from the log.</source>
        <translation>기록 {seq}부터 이력에서 삭제되었습니다.</translation>
    </message>
    <message>
        <source>Entry {seq} does not link to the entry before it: entries were reordered, or the one before it was deleted or rewritten.</source>
        <translation>기록 {seq}이(가) 바로 앞 기록과 이어지지 않습니다. 기록 순서가 바뀌었거나 앞 기록이 삭제 또는 변경되었습니다.</translation>
    </message>
    <message>
        <source>Entries from {seq} on were deleted from the end of the log.</source>
        <translation>기록 {seq}부터 이력 끝에서 삭제되었습니다.</translation>
    </message>
    <message>
        <source>The chain head does not match the last entry ({seq}).</source>
        <translation>체인 헤드가 마지막 기록({seq})과 맞지 않습니다.</translation>
    </message>
    <message>
        <source>INTEGRITY CHECK FAILED — case {number}</source>
        <translation>무결성 검증 실패 — 사건 {number}</translation>
    </message>
    <message>
        <source>Verification of case {number} cancelled after {n} files; no problem found so far.</source>
        <translation>사건 {number} 검증이 파일 {n}개 확인 후 취소되었습니다. 그때까지 문제는 발견되지 않았습니다.</translation>
    </message>
    <message>
        <source>Verification passed — case {number}</source>
        <translation>무결성 검증 통과 — 사건 {number}</translation>
    </message>
    <message>
        <source>All {n} files match their catalogued SHA-256 and MD5 hashes.
The custody log is intact ({entries} entries checked).</source>
        <translation>파일 {n}개 모두 등록 당시의 SHA-256 및 MD5 해시값과 일치합니다.
관리연속성 로그도 손상되지 않았습니다 (기록 {entries}건 확인).</translation>
    </message>
    <message>
        <source>{n} of {total} files FAILED verification:</source>
        <translation>파일 {total}개 중 {n}개가 검증에 실패했습니다:</translation>
    </message>
    <message>
        <source>  … and {n} more (all are listed in the log file)</source>
        <translation>  … 외 {n}개 (전체 목록은 로그 파일에 있습니다)</translation>
    </message>
    <message>
        <source>The custody log is BROKEN ({n} problems):</source>
        <translation>관리연속성 로그가 손상되었습니다 (문제 {n}건):</translation>
    </message>
    <message>
        <source>The check was cancelled before it finished.</source>
        <translation>검증이 끝나기 전에 취소되었습니다.</translation>
    </message>
    <message>
        <source>Do not use this evidence until the cause is found. Details: {log}</source>
        <translation>원인이 밝혀질 때까지 이 증거를 사용하지 마십시오. 상세 기록: {log}</translation>
    </message>
    <message>
        <source>Verify report {name}</source>
        <translation>보고서 {name} 검증</translation>
    </message>
    <message>
        <source>Report verification</source>
        <translation>보고서 검증</translation>
    </message>
    <message>
        <source>The report is intact and recorded.</source>
        <translation>보고서가 손상되지 않았고 관리연속성 로그에 기록되어 있습니다.</translation>
    </message>
    <message>
        <source>The report FAILED verification.</source>
        <translation>보고서 검증에 실패했습니다.</translation>
    </message>
    <message>
        <source>Verify the custody log against {name}</source>
        <translation>{name}(으)로 관리연속성 로그 검증</translation>
    </message>
    <message>
        <source>Signed head in {file}: entry {seq}, signed {at} with key {key} (compare it with the key id of the workstation that made the file).</source>
        <translation>{file}에 서명된 마지막 기록: 기록 {seq}, {at}에 키 {key}로 서명됨 (이 파일을 만든 워크스테이션의 키 ID와 비교하십시오).</translation>
    </message>
    <message>
        <source>Custody log verification</source>
        <translation>관리연속성 로그 검증</translation>
    </message>
    <message>
        <source>The custody log is intact and holds the head signed in {file}.</source>
        <translation>관리연속성 로그가 손상되지 않았고 {file}에 서명된 마지막 기록을 그대로 담고 있습니다.</translation>
    </message>
    <message>
        <source>The custody log does NOT match the head signed in {file}.</source>
        <translation>관리연속성 로그가 {file}에 서명된 마지막 기록과 일치하지 않습니다.</translation>
    </message>
</context>
<context>
    <name>WatchFlagModel</name>
    <message>
        <source>Number</source>
        <translation>전화번호</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>요청 경로</translation>
    </message>
    <message>
        <source>Previous request</source>
        <translation>이전 요청</translation>
    </message>
    <message>
        <source>Closed as</source>
        <translation>종결 사유</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>종결 일시</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>최근 발견</translation>
    </message>
    <message>
        <source>Sightings since</source>
        <translation>종결 후 발견</translation>
    </message>
</context>
<context>
    <name>WatchPage</name>
    <message>
        <source>Draft new request(s)</source>
        <translation>새 요청 작성</translation>
    </message>
    <message>
        <source>Draft a request on the same route for each selected number</source>
        <translation>선택한 번호마다 같은 경로로 새 요청을 작성합니다</translation>
    </message>
    <message>
        <source>Open previous request</source>
        <translation>이전 요청 열기</translation>
    </message>
    <message>
        <source>Open request</source>
        <translation>요청 열기</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>새로 고침</translation>
    </message>
    <message>
        <source>Numbers seen again after their request was rejected, restored or expired: they are due for a new request.</source>
        <translation>요청이 반려·해제·만료된 뒤 다시 발견된 번호입니다. 새 요청이 필요합니다.</translation>
    </message>
    <message>
        <source>Submitted requests (or lift requests) without an answer within the route&apos;s expected answer time.</source>
        <translation>제출(또는 해제 요청) 후 경로별 회신 기한 내에 회신이 없는 요청입니다.</translation>
    </message>
    <message>
        <source>Reading the watch lists…</source>
        <translation>감시 목록 읽는 중…</translation>
    </message>
    <message>
        <source>Seen again after closure (%1)</source>
        <translation>종결 후 재발견 (%1)</translation>
    </message>
    <message>
        <source>Overdue: no answer in time (%1)</source>
        <translation>기한 초과: 회신 없음 (%1)</translation>
    </message>
    <message>
        <source>Drafting requests…</source>
        <translation>요청 작성 중…</translation>
    </message>
    <message>
        <source>%1 draft request(s) created.</source>
        <translation>새 요청 %1건을 작성했습니다.</translation>
    </message>
    <message>
        <source>Block requests</source>
        <translation>차단 요청</translation>
    </message>
    <message>
        <source>%1 number(s) could not get a draft.</source>
        <translation>번호 %1건은 요청을 작성하지 못했습니다.</translation>
    </message>
</context>
<context>
    <name>WeekCountModel</name>
    <message>
        <source>Week of</source>
        <translation>주 시작일</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>작성</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>제출</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>이용중지</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>종결</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <source>Withdraw %1</source>
        <translation>%1 등록 철회</translation>
    </message>
    <message>
        <source>Withdraw an item that was catalogued by mistake (the wrong case, entered twice). Nothing is deleted: the item, its files and hashes stay in the catalogue and the custody log, marked as withdrawn, so the record stays complete.</source>
        <translation>잘못 등록된 증거물(다른 사건, 중복 등록)의 등록을 철회합니다. 아무것도 삭제되지 않습니다. 증거물과 파일, 해시는 등록 철회 표시와 함께 목록과 관리 이력에 그대로 남아 기록이 온전히 유지됩니다.</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>증거물</translation>
    </message>
    <message>
        <source>Reason (required, kept in the custody log)</source>
        <translation>이유 (필수, 관리 이력에 남음)</translation>
    </message>
    <message>
        <source>e.g. entered twice, see EX-0004</source>
        <translation>예: 중복 등록, EX-0004 참고</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>등록 철회</translation>
    </message>
</context>
<context>
    <name>ZonedDateTimeEdit</name>
    <message>
        <source>Known</source>
        <translation>일시 확인됨</translation>
    </message>
    <message>
        <source>Workstation (%1)</source>
        <translation>워크스테이션 (%1)</translation>
    </message>
    <message>
        <source>Korea (KST)</source>
        <translation>한국 표준시 (KST)</translation>
    </message>
</context>
<context>
    <name>_Page</name>
    <message>
        <source>Block requests</source>
        <translation>차단 요청</translation>
    </message>
</context>
</TS>
