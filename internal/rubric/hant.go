package rubric

// hant folds traditional Chinese characters to simplified ones, so the
// simplified word lists also match a statement written in traditional
// characters (Hong Kong, Taiwan, one of the source texts). It covers the
// characters the word lists and patterns use; each pair is traditional,
// simplified. The fold maps one character to one, so evidence still quotes
// the characters the team wrote.
var hant = func() map[rune]rune {
	const pairs = "萬万與与專专業业兩两嚴严個个臨临為为爲为麼么烏乌買买於于產产億亿從从倉仓們们眾众衆众會会傳传傷伤體体償偿儲储" +
		"關关內内決决況况準准憑凭別别務务醫医單单廠厂廚厨發发髮发臺台號号後后噸吨聽听員员週周響响國国場场堅坚墊垫處处復复複复" +
		"誇夸實实審审對对導导屬属師师帶带並并併并廣广庫库應应開开當当徹彻憂忧懷怀惡恶戶户報报擔担撥拨掛挂換换據据數数斷断" +
		"無无時时顯显暫暂權权條条來来極极標标檢检沒没測测點点熱热牽牵狀状現现電电療疗監监確确積积筆笔係系繫系純纯線线綫线" +
		"組组終终經经結结給给絡络絕绝續续網网職职聯联肅肃獲获慮虑虛虚補补規规視视計计訂订認认許许論论證证評评識识訴诉診诊" +
		"話话該该誤误說说説说請请諸诸誹诽調调諒谅謝谢謠谣謗谤負负責责貨货質质購购貫贯費费賠赔車车轉转輛辆辭辞過过還还這这" +
		"進进適适遺遗郵邮鐘钟鍾钟銷销錯错長长門门閉闭問问間间難难項项須须顧顾題题飲饮驗验"
	m := map[rune]rune{}
	rs := []rune(pairs)
	for i := 0; i+1 < len(rs); i += 2 {
		m[rs[i]] = rs[i+1]
	}
	return m
}()
