package msel

import (
	"strings"
	"unicode"
)

// field is what Firebreak makes of a column.
type field int

const (
	fNone field = iota
	fNumber
	fTime      // time from the start (clock time or offset)
	fPhaseTime // time from the start of the row's section
	fDate      // a calendar date that goes with fTime (HSEEP)
	fGameTime  // T3SF "Date": the in-story time shown with the message
	fSection
	fFrom
	fTo
	fMethod
	fSubject
	fTitle // OpenAEV "title": the inject's name
	fMessage
	fDescription // HSEEP / OpenAEV "description": the message unless another column has it
	fExpected
	fObjective
	fNotes
	fOptions
	fPrompt
	fPhoto
	fPictureName
	fProfile
)

var fieldNames = map[field]string{
	fNumber: "event number", fTime: "time", fPhaseTime: "phase time", fDate: "date",
	fGameTime: "in-story date", fSection: "phase/section", fFrom: "from", fTo: "to",
	fMethod: "method", fSubject: "subject", fTitle: "title", fMessage: "message",
	fDescription: "description", fExpected: "expected action", fObjective: "objective/capability",
	fNotes: "notes", fOptions: "options (poll)", fPrompt: "decision", fPhoto: "photo",
	fPictureName: "picture name", fProfile: "profile picture",
}

func (f field) String() string { return fieldNames[f] }

// Column names are compared normalised: lower case, "_" and runs of spaces
// as one space, no space around "/", "#" and "()" kept.
func normHeader(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.NewReplacer("_", " ", "\u00a0", " ", "\n", " ", "\r", " ", "\t", " ", "：", ":", "（", "(", "）", ")").Replace(s)
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, " / ", "/")
	s = strings.TrimSuffix(s, ":")
	s = strings.TrimSuffix(s, " (optional)")
	return strings.TrimSpace(s)
}

// common are the column names of HSEEP MSELs (and of Firebreak's own
// export, in English and Chinese), as templates and trainers write them.
var common = map[string]field{
	// number
	"#": fNumber, "no": fNumber, "no.": fNumber, "number": fNumber, "id": fNumber, "ref": fNumber,
	"event #": fNumber, "event number": fNumber, "event no": fNumber, "event no.": fNumber, "event id": fNumber,
	"inject #": fNumber, "inject number": fNumber, "inject no": fNumber, "inject no.": fNumber, "inject id": fNumber,
	"msel #": fNumber, "msel number": fNumber, "msel no": fNumber, "msel id": fNumber, "serial": fNumber,
	"编号": fNumber, "序号": fNumber, "事件编号": fNumber,
	// time
	"time": fTime, "scenario time": fTime, "exercise time": fTime, "designated scenario time": fTime,
	"inject time": fTime, "delivery time": fTime, "start time": fTime, "real time": fTime,
	"trigger time": fTime, "date/time": fTime, "datetime": fTime, "date time": fTime, "time (scenario)": fTime,
	"planned time": fTime, "演练时间": fTime, "时间": fTime, "情景时间": fTime,
	"phase time": fPhaseTime, "time in phase": fPhaseTime, "阶段内时间": fPhaseTime,
	"date": fDate, "日期": fDate,
	// section
	"phase": fSection, "section": fSection, "module": fSection, "segment": fSection, "stage": fSection,
	"part": fSection, "阶段": fSection, "部分": fSection, "模块": fSection,
	// from / to
	"from": fFrom, "sender": fFrom, "inject from": fFrom, "source": fFrom, "originator": fFrom,
	"simulated sender": fFrom, "message from": fFrom, "发送方": fFrom, "发件人": fFrom, "来源": fFrom,
	"to": fTo, "recipient": fTo, "recipients": fTo, "recipient(s)": fTo, "player": fTo, "players": fTo,
	"player(s)": fTo, "inject to": fTo, "message to": fTo, "participant": fTo, "participants": fTo,
	"team": fTo, "teams": fTo, "audience": fTo, "intended player": fTo, "接收方": fTo, "收件人": fTo, "对象": fTo,
	// method
	"method": fMethod, "delivery method": fMethod, "inject method": fMethod, "mode": fMethod,
	"inject mode": fMethod, "channel": fMethod, "medium": fMethod, "type": fMethod, "inject type": fMethod,
	"delivery": fMethod, "渠道": fMethod, "方式": fMethod, "传递方式": fMethod,
	// subject / message
	"subject": fSubject, "event": fSubject, "event title": fSubject, "synopsis": fSubject,
	"event synopsis": fSubject, "heading": fSubject, "标题": fSubject, "主题": fSubject,
	"title":   fTitle,
	"message": fMessage, "inject": fMessage, "inject text": fMessage, "inject message": fMessage,
	"script": fMessage, "body": fMessage, "text": fMessage, "content": fMessage, "details": fMessage,
	"message text": fMessage, "内容": fMessage, "消息": fMessage, "正文": fMessage, "注入内容": fMessage,
	"description": fDescription, "event description": fDescription, "inject description": fDescription,
	"描述": fDescription,
	// for controllers and evaluators
	"expected action": fExpected, "expected actions": fExpected, "expected player action": fExpected,
	"expected player actions": fExpected, "expected response": fExpected, "anticipated response": fExpected,
	"expected outcome": fExpected, "expectation": fExpected, "expectations": fExpected,
	"预期行动": fExpected, "预期响应": fExpected,
	"objective": fObjective, "objectives": fObjective, "capability": fObjective, "capabilities": fObjective,
	"core capability": fObjective, "objective/capability": fObjective, "objectives/capabilities": fObjective,
	"exercise objective": fObjective, "目标": fObjective, "能力": fObjective, "目标/能力": fObjective,
	"notes": fNotes, "note": fNotes, "controller notes": fNotes, "remarks": fNotes, "comments": fNotes,
	"comment": fNotes, "备注": fNotes,
	// a response asked for
	"options": fOptions, "poll": fOptions, "response options": fOptions, "choices": fOptions, "选项": fOptions,
	"decision": fPrompt, "question": fPrompt, "response required": fPrompt, "决策": fPrompt, "开启的决策": fPrompt,
	// pictures
	"photo": fPhoto, "picture": fPhoto, "image": fPhoto, "attachment": fPhoto, "图片": fPhoto, "附件": fPhoto,
	"picture name": fPictureName, "image name": fPictureName, "attachment name": fPictureName,
	"picture description": fPictureName, "图片说明": fPictureName, "图片名称": fPictureName,
	"profile": fProfile, "avatar": fProfile, "profile picture": fProfile,
}

// t3sfCols are T3SF's MSEL columns, where they differ from common: its
// "Date" is the in-story time the message shows, not a calendar date.
var t3sfCols = map[string]field{"date": fGameTime}

// openaevCols are the attributes of OpenAEV's XLS import (its mappers'
// "title", "description", "trigger_time" and the email contract's
// "subject", "body", "teams"), written as the header of their columns.
var openaevCols = map[string]field{
	"inject title": fTitle, "trigger time": fTime, "trigger": fTime,
}

// columnsFor returns the column table of a layout.
func columnsFor(f Format) func(string) field {
	return func(h string) field {
		n := normHeader(h)
		switch f {
		case T3SF:
			if v, ok := t3sfCols[n]; ok {
				return v
			}
		case OpenAEV:
			if v, ok := openaevCols[n]; ok {
				return v
			}
		}
		return common[n]
	}
}

// detect picks a layout from a header row.
func detect(header []string) Format {
	has := map[string]bool{}
	for _, h := range header {
		has[normHeader(h)] = true
	}
	t3 := 0
	for _, k := range []string{"script", "player", "poll", "real time", "picture name", "profile", "photo"} {
		if has[k] {
			t3++
		}
	}
	if t3 >= 2 {
		return T3SF
	}
	if has["trigger time"] || has["inject type"] || has["expectation score"] {
		return OpenAEV
	}
	return HSEEP
}

// isHeader scores a row as a header: the number of cells that name a known
// column; a header must name something to read as the message.
func headerScore(row []string, cols func(string) field) int {
	n, msg := 0, false
	for _, c := range row {
		switch cols(c) {
		case fNone:
			continue
		case fMessage, fDescription, fSubject, fTitle:
			msg = true
		}
		n++
	}
	if !msg {
		return 0
	}
	return n
}

// slug makes an id from a name: lower-case letters and digits, other runs
// as "-". It returns "" when nothing is left (a Chinese name).
func slug(s string, max int) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			if b.Len() >= max {
				break
			}
			continue
		}
		dash = true
	}
	return strings.TrimRight(b.String(), "-")
}
