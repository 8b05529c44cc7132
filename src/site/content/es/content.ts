import type { SiteContent } from '../types.ts';

/** El sitio público en español. */
export const es: SiteContent = {
  home: {
    lead: 'Free Knowledge Trust apoya a las personas voluntarias que escriben, fotografían y corrigen las enciclopedias y archivos libres que millones de personas leen cada día. Respondemos a las exigencias legales contra su trabajo, lo defendemos ante los tribunales y publicamos lo que se nos pide retirar.',
    speak: [
      'Toda persona tiene derecho a buscar información, a recibirla y a difundirla, sin importar las fronteras ni el medio. Una enciclopedia libre es ese derecho en acción: gente que nunca se ha visto comprueba las fuentes de los demás, debate en las páginas de discusión y deja el resultado abierto para que cualquiera lo lea, lo copie y lo mejore.',
      'Eso solo funciona si quienes colaboran pueden escribir sobre personas poderosas, empresas y gobiernos sin temer una demanda por una frase exacta, y si los lectores pueden llegar a la página sin que otro decida por ellos que no deben leerla.',
    ],
    expression: 'Cada exigencia de retirar o cambiar contenido, cada aviso de derechos de autor y cada solicitud de información sobre nuestros usuarios se registra, la evalúa nuestro equipo jurídico y se cuenta. La mayoría se rechazan: solo retiramos contenido cuando la ley lo exige de verdad o cuando la solicitud muestra un daño real que las propias normas de la comunidad también corregirían.',
    users: 'Quienes colaboran no están solos cuando llega la carta de un abogado. Explicamos qué significa una exigencia, buscamos un abogado en su país cuando hace falta y, en algunos casos, pagamos su defensa. También acudimos nosotros mismos a los tribunales para proteger los proyectos y a las personas que los construyen.',
    litigation: 'Casos que iniciamos, defendemos o a los que nos sumamos, con su tribunal, su estado y sus fechas.',
    voices: 'Colaboradoras y colaboradores cuentan, con sus propias palabras, por qué escriben y lo que les ha costado.',
    awareness: [
      'Las encuestas que encargamos cada año preguntan a personas de muchos países si conocen las enciclopedias libres, si las usan y si confían en ellas. Las respuestas nos orientan sobre dónde explicar nuestro trabajo y dónde buscar aliados.',
    ],
    battles: 'Algunas de las disputas que han marcado nuestra forma de trabajar: varias las ganamos, una la perdimos y otra la cerramos con un acuerdo que deja libres las fotografías.',
    more: 'Cinco temas atraviesan casi todo lo que hacemos.',
  },
  topics: {
    'access-to-knowledge': {
      title: 'Acceso al conocimiento',
      summary: 'El conocimiento libre de leer, reutilizar y compartir debe llegar a todo el mundo, con cualquier conexión y en su propia lengua.',
      body: [
        'Para muchos lectores, la enciclopedia es el primer lugar donde buscan y, a veces, el único que pueden pagar. Una estudiante con un plan de prepago, un enfermero que comprueba una dosis entre turnos, una maestra jubilada que lee sobre el río que pasa junto a su pueblo: todos necesitan páginas que carguen rápido, cuesten poco y no los vigilen.',
        'El acceso también es jurídico. Los registros públicos, las sentencias, las estadísticas y las obras de los organismos públicos son la materia prima de los buenos artículos. Cuando quedan tras tasas, reclamaciones de derechos de autor o normas de secreto vagas, quienes colaboran no pueden citarlos y los lectores no pueden comprobar lo que leen.',
        'Defendemos la información pública abierta, las excepciones a los derechos de autor que permiten a bibliotecas, docentes y enciclopedias hacer su trabajo, y unas redes que traten la búsqueda de conocimiento de un lector como cualquier otra.',
      ],
      actions: [
        'Pedimos a los organismos públicos que publiquen sus registros con licencias abiertas y acudimos a los tribunales cuando se cierra un registro que debería ser público.',
        'Comentamos los proyectos de ley sobre información pública, por escrito y en audiencias.',
        'Mantenemos nuestras páginas ligeras: sin rastreadores, sin scripts de terceros, legibles con la conexión más lenta.',
      ],
    },
    censorship: {
      title: 'Censura',
      summary: 'Bloquear un sitio entero para ocultar un artículo perjudica a millones de lectores; nos oponemos abiertamente.',
      body: [
        'Algunos gobiernos ordenan a los proveedores de internet que bloqueen la enciclopedia, o una de sus ediciones, por unos pocos artículos que les disgustan. Otros aprueban leyes que permiten a funcionarios exigir la retirada de contenidos sin un juez, con plazos de horas.',
        'Un bloqueo oculta mucho más que el artículo al que apunta. Los lectores pierden millones de páginas sobre medicina, matemáticas y su propia historia, y quienes colaboran desde el país pierden su voz en la conversación sobre él.',
        'No negociamos con gobiernos el contenido de los artículos. Publicamos cada orden que recibimos, la recurrimos ante los tribunales cuando un tribunal puede escucharnos y ayudamos a los lectores a entender qué se bloqueó y por qué.',
      ],
      actions: [
        'Cada orden de bloqueo o de retirada que recibimos se cuenta en el informe de transparencia.',
        'Presentamos o apoyamos recursos contra órdenes de bloqueo ante tribunales nacionales y regionales.',
        'Explicamos a los legisladores por qué bloquear un sitio entero nunca es una medida proporcionada.',
      ],
    },
    copyright: {
      title: 'Derechos de autor',
      summary: 'Los derechos de autor deben recompensar a quien crea sin impedir que se compartan el conocimiento, los hechos y el dominio público.',
      body: [
        'Todo lo que hay en los proyectos se publica con licencias libres, y quienes colaboran respetan con cuidado los derechos de autor ajenos. La mayoría de los avisos que recibimos señalan problemas reales que los voluntarios ya habían corregido; algunos, sin embargo, reclaman obras tan antiguas que están en el dominio público, simples hechos o fotografías de cuadros de hace siglos.',
        'Antes de retirar nada, cada aviso se contrasta con la ley y con la licencia. Cuando un aviso es erróneo, lo decimos y mantenemos la obra en línea. Cuando quien la subió no está de acuerdo con una retirada, le ayudamos a enviar un contraaviso.',
        'Apoyamos leyes que mantengan público el dominio público, protejan la libertad de panorama y el derecho de cita, y no obliguen a las plataformas a filtrar automáticamente cada archivo subido.',
      ],
      actions: [
        'Cada aviso de derechos de autor, atendido o no, aparece en nuestras cifras y en la base de datos de avisos.',
        'Defendemos a quienes suben obras de dominio público frente a reclamaciones de nuevos derechos sobre obras antiguas.',
        'Nos oponemos a los filtros automáticos que no distinguen una cita de una copia.',
      ],
    },
    'intermediary-liability': {
      title: 'Responsabilidad de los intermediarios',
      summary: 'Quien aloja una enciclopedia escrita por voluntarios no debe responder de cada frase como si la hubiera escrito.',
      body: [
        'Los proyectos los escriben sus comunidades, no Free Knowledge Trust. Las leyes de muchos países lo reconocen: quien aloja no responde de lo que publican sus usuarios mientras actúe cuando recibe noticia real de algo ilícito. Ese equilibrio es lo que hace posibles los proyectos abiertos y gestionados por voluntarios.',
        'Cuando esa protección se debilita, se empuja a quien aloja a retirar todo lo que genera una queja, porque mantenerlo se convierte en un riesgo jurídico. El resultado son menos artículos sobre los poderosos y más sobre nada en particular.',
        'Defendemos el principio ante los tribunales y los parlamentos, y mostramos en nuestros informes con cuánto cuidado se examina cada aviso antes de retirar nada.',
      ],
      actions: [
        'Respondemos a las demandas que tratan a quien aloja como autor del contenido de la comunidad.',
        'Participamos en las consultas sobre regulación de plataformas, con nuestras propias cifras como prueba.',
        'Explicamos cómo funciona la moderación comunitaria a tribunales y reguladores que no la conocen.',
      ],
    },
    privacy: {
      title: 'Privacidad',
      summary: 'Lectores y colaboradores merecen leer y escribir sin ser vigilados ni expuestos.',
      body: [
        'Guardamos la menor cantidad posible de información sobre lectores y colaboradores, durante el menor tiempo posible. Lo que no guardamos no se puede exigir, filtrar ni usar mal.',
        'Cuando un gobierno, una empresa o un particular nos pide que revelemos quién es una persona colaboradora, exigimos una base jurídica que se sostenga ante un tribunal, acotamos la solicitud cuando podemos y avisamos a la persona afectada salvo que la ley lo prohíba. La mayoría de estas solicitudes terminan sin que se revele nada.',
        'La privacidad también protege a las personas de quienes tratan los artículos. Los particulares no son figuras públicas, y las normas de las comunidades sobre biografías de personas vivas están entre las más estrictas de la web.',
      ],
      actions: [
        'Cada solicitud de información sobre usuarios, y cómo la respondimos, se cuenta en el informe de transparencia.',
        'Avisamos a los usuarios afectados antes de revelar nada siempre que la ley nos lo permite.',
        'Este sitio no instala cookies ni carga nada de terceros.',
      ],
    },
  },
  cases: {
    'harbour-bank': {
      title: 'Un banco contra el artículo sobre su propia historia',
      court: 'Juzgado de lo Mercantil del Distrito Capital',
      role: 'Parte demandada',
      summary: 'Un banco regional demandó a Free Knowledge Trust por un artículo que describe una multa que pagó hace diez años, y pide su retirada y una indemnización. El artículo cita la propia resolución del regulador. Hemos presentado nuestra contestación y pedido al juzgado que desestime la demanda como un intento de silenciar información exacta.',
    },
    'registry-transparency': {
      title: 'La apertura del registro de contratos públicos',
      court: 'Tribunal Administrativo de Apelación',
      role: 'Parte demandante, junto a dos asociaciones de periodistas',
      summary: 'Pedimos a un ministerio que publicara su registro de contratos públicos para que pudiera citarse en los artículos. El tribunal de primera instancia ordenó abrir la mayor parte del registro; el ministerio ha recurrido la parte relativa a los proveedores de defensa. La vista de la apelación se celebró en septiembre.',
    },
    'editor-identity': {
      title: 'La exigencia de desenmascarar a un editor voluntario',
      court: 'Juzgado de Primera Instancia en lo Civil',
      role: 'Parte requerida',
      summary: 'Un empresario pidió al juzgado que nos ordenara revelar la identidad de un voluntario que había editado su biografía con información bien documentada. El juzgado lo rechazó: las ediciones eran exactas y de interés público, y revelar su identidad habría expuesto al editor a represalias. No se entregó ningún dato.',
    },
    'museum-photographs': {
      title: 'Fotografías de cuadros de dominio público',
      court: 'Tribunal Regional, Sala de Propiedad Intelectual',
      role: 'Parte demandada, en nombre de quienes subieron las fotos',
      summary: 'Un museo reclamó derechos sobre fotografías de cuadros de más de trescientos años que habían subido voluntarios. El caso terminó en un acuerdo: el museo retiró su reclamación sobre las reproducciones fieles de obras bidimensionales y las fotografías siguen siendo libres para todos.',
    },
    'network-blocking': {
      title: 'El bloqueo de la enciclopedia en todo un país',
      court: 'Tribunal Constitucional',
      role: 'Parte coadyuvante',
      summary: 'Nos sumamos a lectores y colaboradores para impugnar una orden que bloqueaba la enciclopedia entera por dos artículos. El tribunal confirmó la orden por motivos procesales, sin pronunciarse sobre su proporcionalidad. El bloqueo se levantó meses después, tras un cambio de la ley; seguimos citando el caso en nuestro trabajo contra los bloqueos de sitios enteros.',
    },
  },
  stories: {
    'river-archive': {
      title: 'El río en el archivo',
      byline: 'Amara, fotógrafa en una ciudad del delta',
      quote: 'Cuando llegaron las inundaciones, las únicas fotos del viejo muelle eran las que yo había subido.',
      body: [
        'Amara empezó fotografiando los edificios de la ribera para un artículo de historia local. En seis años subió más de dos mil imágenes, cada una con su descripción y su fecha.',
        'Cuando una empresa que había comprado el frente fluvial se opuso a las fotos de sus almacenes, recibió una carta que la amenazaba con acciones legales. Free Knowledge Trust explicó a la empresa que fotografiar edificios desde la vía pública es legal en su país, y la carta no tuvo continuación.',
      ],
    },
    'medicine-translations': {
      title: 'Traducir la medicina',
      byline: 'Daniel, enfermero jubilado que traduce artículos de salud',
      quote: 'Un artículo claro en tu propia lengua puede marcar la diferencia entre el pánico y un plan.',
      body: [
        'Daniel traduce artículos sobre enfermedades comunes a la lengua que sus vecinos hablan en casa. Comprueba cada dosis y cada cifra con las fuentes y pide a médicos de la comunidad que revisen su trabajo.',
        'Dice que lo más difícil no es el vocabulario, sino mantener los artículos al día. Ahora coordina un pequeño grupo que revisa cada mes las páginas de salud más leídas.',
      ],
    },
    'local-history': {
      title: 'Escribir la historia que nadie escribió',
      byline: 'Youssef, maestro y editor',
      quote: 'Mis alumnos ahora comprueban las fuentes de lo que leen. Es la mejor lección que he dado.',
      body: [
        'Youssef escribe sobre los pueblos de su región a partir de registros parroquiales, periódicos antiguos y entrevistas publicadas por una universidad local. Algunos de sus artículos describen disputas por tierras que aún son delicadas.',
        'Cuando un cargo local exigió que se retirara uno de ellos, el equipo jurídico de Free Knowledge Trust lo revisó línea por línea y comprobó que cada afirmación tenía fuente. El artículo se quedó, y Youssef añadió una sección con las propias declaraciones públicas de ese cargo.',
      ],
    },
  },
};
